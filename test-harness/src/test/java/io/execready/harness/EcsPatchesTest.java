package io.execready.harness;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.ManagedAgent;
import software.amazon.awssdk.services.ecs.model.Task;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The launcher's ECS patches, through the ECS JSON API. */
@Tag("emulator")
class EcsPatchesTest {

    private static final String ECS = "AmazonEC2ContainerServiceV20141113.";
    private static final String EC2_VERSION = "2016-11-15";
    private static final String CLUSTER = "exec-cluster";
    private static LocalAws aws;
    private static RawAwsClient raw;
    private static String subnetId;
    private static String securityGroupId;
    private static String taskDefinitionArn;

    @BeforeAll
    static void startEmulatorAndSeed() {
        aws = LocalAws.start();
        raw = new RawAwsClient(aws);
        seed();
    }

    @AfterAll
    static void stopEmulator() {
        aws.close();
    }

    @Test
    void runTask_keepsEnableExecuteCommand() {
        assertThat(runTask(true, null).path("enableExecuteCommand").asBoolean()).isTrue();
        assertThat(runTask(false, null).path("enableExecuteCommand").isBoolean()).isTrue();
        assertThat(runTask(false, null).path("enableExecuteCommand").asBoolean()).isFalse();
    }

    @Test
    void runTask_buildsEveryContainerOfTheTaskDefinition() {
        JsonNode task = runTask(true, null);

        assertThat(task.path("containers")).hasSize(2);
        assertThat(texts(task.path("containers"), "name")).containsExactly("web", "log-router");
        assertThat(texts(task.path("containers"), "image")).containsExactly("nginx:1.27", "fluent-bit:3");
        assertThat(texts(task.path("containers"), "memory")).containsExactly("256", "128");
        assertThat(texts(task.path("containers"), "taskArn")).containsOnly(task.path("taskArn").asText());
        assertThat(texts(task.path("containers"), "containerArn")).allMatch(arn ->
                arn.startsWith("arn:aws:ecs:us-east-1:123456789012:container/" + CLUSTER + "/"));
    }

    @Test
    void runTask_withExecEnabled_givesEveryContainerARunningExecuteCommandAgent() {
        JsonNode task = runTask(true, null);

        for (JsonNode container : task.path("containers")) {
            assertThat(container.path("managedAgents")).singleElement().satisfies(agent -> {
                assertThat(agent.path("name").asText()).isEqualTo("ExecuteCommandAgent");
                assertThat(agent.path("lastStatus").asText()).isEqualTo("RUNNING");
                assertThat(agent.path("lastStartedAt").isNumber()).isTrue();
            });
        }
    }

    @Test
    void runTask_withExecDisabled_reportsNoManagedAgents() {
        JsonNode task = runTask(false, null);

        for (JsonNode container : task.path("containers")) {
            assertThat(container.has("managedAgents")).isFalse();
        }
    }

    @Test
    void describeTasks_keepsTheTaskRunning_andContainersFollowTheTask() {
        String taskArn = runTask(true, null).path("taskArn").asText();

        for (int i = 0; i < 3; i++) {
            JsonNode described = describeTask(taskArn);
            assertThat(described.path("lastStatus").asText()).isEqualTo("RUNNING");
            assertThat(texts(described.path("containers"), "lastStatus")).containsOnly("RUNNING");
        }
        ecs("StopTask", "{\"cluster\":\"" + CLUSTER + "\",\"task\":\"" + taskArn + "\",\"reason\":\"test\"}");

        JsonNode stopped = describeTask(taskArn);
        assertThat(stopped.path("lastStatus").asText()).isEqualTo("STOPPED");
        assertThat(texts(stopped.path("containers"), "lastStatus")).containsOnly("STOPPED");
        assertThat(stopped.path("containers").path(0).path("managedAgents").path(0).path("lastStatus").asText())
                .isEqualTo("STOPPED");
    }

    @Test
    void runTask_onFargate_reportsThePlatformVersionEcsResolves() {
        assertThat(runTask(true, null).path("platformVersion").asText()).isEqualTo("1.4.0");
        assertThat(runTask(true, "LATEST").path("platformVersion").asText()).isEqualTo("1.4.0");
        assertThat(runTask(true, "1.3.0").path("platformVersion").asText()).isEqualTo("1.3.0");
    }

    @Test
    void runTask_withAwsvpc_keepsMotosEniAttachment() {
        JsonNode attachment = runTask(true, null).path("attachments").path(0);

        assertThat(attachment.path("type").asText()).isEqualTo("ElasticNetworkInterface");
        assertThat(attachmentDetail(attachment, "subnetId")).isEqualTo(subnetId);
        assertThat(attachmentDetail(attachment, "networkInterfaceId")).startsWith("eni-");
    }

    @Test
    void createService_keepsEnableExecuteCommand_andUpdateServiceChangesIt() {
        JsonNode created = ecs("CreateService", """
                {"cluster":"%s","serviceName":"web","taskDefinition":"%s","desiredCount":1,"launchType":"FARGATE",
                 "enableExecuteCommand":true,"networkConfiguration":%s}""".formatted(CLUSTER, taskDefinitionArn, network()))
                .path("service");
        assertThat(created.path("enableExecuteCommand").asBoolean()).isTrue();
        assertThat(describeService("web").path("enableExecuteCommand").asBoolean()).isTrue();

        ecs("UpdateService", "{\"cluster\":\"" + CLUSTER + "\",\"service\":\"web\",\"enableExecuteCommand\":false}");

        assertThat(describeService("web").path("enableExecuteCommand").asBoolean()).isFalse();
    }

    @Test
    void describeTasks_throughTheAwsSdk_parsesContainersAndManagedAgents() {
        String taskArn = runTask(true, null).path("taskArn").asText();

        try (EcsClient ecs = EcsClient.builder()
                .endpointOverride(URI.create(aws.endpoint()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
            Task task = ecs.describeTasks(r -> r.cluster(CLUSTER).tasks(taskArn)).tasks().get(0);

            assertThat(task.enableExecuteCommand()).isTrue();
            assertThat(task.platformVersion()).isEqualTo("1.4.0");
            assertThat(task.containers()).extracting(Container::name).containsExactly("web", "log-router");
            ManagedAgent agent = task.containers().get(1).managedAgents().get(0);
            assertThat(agent.nameAsString()).isEqualTo("ExecuteCommandAgent");
            assertThat(agent.lastStatus()).isEqualTo("RUNNING");
            assertThat(agent.lastStartedAt()).isBetween(Instant.now().minus(Duration.ofMinutes(5)), Instant.now());
        }
    }

    @Test
    void registerContainerInstance_forAnEcsAnywhereHost_keepsItsManagedInstanceIdAndAgentVersion() {
        JsonNode registered = ecs("RegisterContainerInstance", """
                {"cluster":"%s","instanceIdentityDocument":"{\\"instanceId\\":\\"mi-0123456789abcdef0\\"}",
                 "versionInfo":{"agentVersion":"1.88.0"}}""".formatted(CLUSTER)).path("containerInstance");
        String arn = registered.path("containerInstanceArn").asText();

        JsonNode described = ecs("DescribeContainerInstances",
                "{\"cluster\":\"" + CLUSTER + "\",\"containerInstances\":[\"" + arn + "\"]}");

        assertThat(described.path("failures")).isEmpty();
        JsonNode instance = described.path("containerInstances").get(0);
        assertThat(instance.path("ec2InstanceId").asText()).isEqualTo("mi-0123456789abcdef0");
        assertThat(instance.path("versionInfo").path("agentVersion").asText()).isEqualTo("1.88.0");
        assertThat(texts(instance.path("attributes"), "name")).contains("ecs.os-type").doesNotContain("ecs.ami-id", "ecs.instance-type");
    }

    @Test
    void reset_keepsLaterTasksRunningAcrossDescribeTasks() {
        aws.reset();
        seed();
        String taskArn = runTask(true, null).path("taskArn").asText();

        for (int i = 0; i < 3; i++) {
            assertThat(describeTask(taskArn).path("lastStatus").asText()).isEqualTo("RUNNING");
        }
    }

    private static void seed() {
        String vpcId = raw.query("ec2", "CreateVpc", EC2_VERSION, "CidrBlock", "10.0.0.0/16").ok().text("//vpcId");
        // moto's RunTask needs DNS hostnames on the VPC, container-level memory and security groups.
        raw.query("ec2", "ModifyVpcAttribute", EC2_VERSION, "VpcId", vpcId, "EnableDnsHostnames.Value", "true").ok();
        subnetId = raw.query("ec2", "CreateSubnet", EC2_VERSION, "VpcId", vpcId, "CidrBlock", "10.0.1.0/24").ok()
                .text("//subnetId");
        securityGroupId = raw.query("ec2", "CreateSecurityGroup", EC2_VERSION, "VpcId", vpcId, "GroupName", "tasks",
                "GroupDescription", "tasks").ok().text("//groupId");
        ecs("CreateCluster", "{\"clusterName\":\"" + CLUSTER + "\"}");
        taskDefinitionArn = ecs("RegisterTaskDefinition", """
                {"family":"web","networkMode":"awsvpc","requiresCompatibilities":["FARGATE"],"cpu":"256","memory":"512",
                 "containerDefinitions":[
                   {"name":"web","image":"nginx:1.27","memory":256,"essential":true},
                   {"name":"log-router","image":"fluent-bit:3","memory":128,"essential":false}]}""")
                .path("taskDefinition").path("taskDefinitionArn").asText();
    }

    private static JsonNode runTask(boolean enableExecuteCommand, String platformVersion) {
        String body = """
                {"cluster":"%s","taskDefinition":"%s","launchType":"FARGATE","networkConfiguration":%s%s%s}""".formatted(
                CLUSTER, taskDefinitionArn, network(),
                enableExecuteCommand ? ",\"enableExecuteCommand\":true" : "",
                platformVersion == null ? "" : ",\"platformVersion\":\"" + platformVersion + "\"");
        JsonNode tasks = ecs("RunTask", body).path("tasks");
        assertThat(tasks).hasSize(1);
        return tasks.get(0);
    }

    private static JsonNode describeTask(String taskArn) {
        return ecs("DescribeTasks", "{\"cluster\":\"" + CLUSTER + "\",\"tasks\":[\"" + taskArn + "\"]}").path("tasks").get(0);
    }

    private static JsonNode describeService(String name) {
        return ecs("DescribeServices", "{\"cluster\":\"" + CLUSTER + "\",\"services\":[\"" + name + "\"]}")
                .path("services").get(0);
    }

    private static String network() {
        return "{\"awsvpcConfiguration\":{\"subnets\":[\"" + subnetId + "\"],\"securityGroups\":[\"" + securityGroupId + "\"]}}";
    }

    private static JsonNode ecs(String operation, String body) {
        return raw.json("ecs", ECS + operation, body);
    }

    private static String attachmentDetail(JsonNode attachment, String name) {
        for (JsonNode detail : attachment.path("details")) {
            if (detail.path("name").asText().equals(name)) {
                return detail.path("value").asText();
            }
        }
        throw new AssertionError("No attachment detail " + name + " in " + attachment);
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(element -> values.add(element.path(field).asText()));
        return values;
    }
}
