package io.execready.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import io.execready.aws.AwsCallLimits;
import io.execready.aws.AwsClients;
import io.execready.aws.SdkEc2Gateway;
import io.execready.aws.SdkEcsGateway;
import io.execready.aws.SdkIamGateway;
import io.execready.aws.SdkReadSource;
import io.execready.checks.CheckRegistry;
import io.execready.engine.CheckEngine;
import io.execready.engine.CheckResult;
import io.execready.engine.CheckStatus;
import io.execready.engine.TaskReport;
import io.execready.fixtures.SdkSystemProperties;
import io.execready.harness.FaultProxy;
import io.execready.harness.FaultProxy.Fault;
import io.execready.harness.LocalAws;
import io.execready.snapshot.EcsTask;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;

/**
 * A failed read reaches the operator as its own kind of UNKNOWN: the faults come from a proxy in
 * front of the emulator, at the HTTP level, in each AWS protocol's own error shape, so what is
 * tested is the real SDK's retries, timeouts and error parsing, the gateways' classification, the
 * loader and the checks' wording. Only a denial asks for a permission.
 */
@Tag("emulator")
class ReadFailuresLocalAwsTest {

    private static final String CLUSTER = "orders";
    private static final String TASK_ROLE = "arn:aws:iam::" + LocalAws.ACCOUNT_ID + ":role/orders-task";
    /** Short limits, as a function would set them through AWS_MAX_ATTEMPTS and API_CALL_*_TIMEOUT_SECONDS. */
    private static final AwsCallLimits LIMITS = new AwsCallLimits(2, Duration.ofSeconds(3), Duration.ofSeconds(10));

    private static LocalAws aws;
    private static FaultProxy proxy;
    private static SdkSystemProperties saved;
    private static AwsClients checkerClients;
    private static ExecutorService executor;
    private static EcsTask task;

    @BeforeAll
    static void start() {
        saved = SdkSystemProperties.save();
        aws = LocalAws.start();
        aws.applyToSystemProperties();
        proxy = FaultProxy.start(aws.endpoint(), Duration.ofSeconds(15));
        // Every client built from here on goes through the proxy: no endpoint code in the product.
        System.setProperty("aws.endpointUrl", proxy.endpoint());
        AwsClients seeding = new AwsClients(Region.US_EAST_1);
        task = runTask(seeding);
        checkerClients = new AwsClients(Region.US_EAST_1, LIMITS);
        executor = Executors.newVirtualThreadPerTaskExecutor();
    }

    @AfterEach
    void forwardEverythingAgain() {
        proxy.clear();
    }

    @AfterAll
    static void stop() {
        if (executor != null) {
            executor.shutdownNow();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (aws != null) {
            aws.close();
        }
        saved.restore();
    }

    @Test
    void withoutFaults_theTaskDefinitionIsReadThroughTheProxy() {
        assertThat(result(evaluate(), "writable-root-filesystem").status()).isEqualTo(CheckStatus.PASS);
        assertThat(proxy.served()).isEmpty();
    }

    @Test
    void describeTaskDefinitionThrottled_isUnknownNamingTheQuotaAndTheRetry_withoutAskingForAPermission() {
        proxy.inject("ecs", "DescribeTaskDefinition", Fault.THROTTLED);

        CheckResult result = result(evaluate(), "writable-root-filesystem");

        assertThat(result.status()).isEqualTo(CheckStatus.UNKNOWN);
        assertThat(result.message()).contains(
                "reading the task definition failed: ecs:DescribeTaskDefinition was throttled and the retries ran out (ThrottlingException: Rate exceeded)");
        assertThat(result.remediation())
                .startsWith("AWS throttled ecs:DescribeTaskDefinition")
                .contains("ECS DescribeTaskDefinition is limited to 20 requests per second (burst 50) per account and Region",
                        "the next evaluation (the next task event or the periodic sweep) reads it again")
                .doesNotContainIgnoringCase("grant");
        assertThat(result.evidence()).containsEntry("failedAction", "ecs:DescribeTaskDefinition").containsEntry("failureKind", "THROTTLED");
        assertThat(proxy.served()).as("the SDK retried the throttled call until its attempts ran out")
                .hasSize(LIMITS.maxAttempts())
                .allSatisfy(served -> assertThat(served).isEqualTo(new FaultProxy.Served("ecs", "DescribeTaskDefinition", Fault.THROTTLED)));
    }

    @Test
    void describeTaskDefinitionHanging_isUnknownSayingItTimedOut_withoutAskingForAPermission() {
        proxy.inject("ecs", "DescribeTaskDefinition", Fault.HANG);

        CheckResult result = result(evaluate(), "writable-root-filesystem");

        assertThat(result.status()).isEqualTo(CheckStatus.UNKNOWN);
        assertThat(result.message()).contains("reading the task definition failed: ecs:DescribeTaskDefinition timed out");
        assertThat(result.remediation())
                .startsWith("ecs:DescribeTaskDefinition timed out: AWS did not answer in time")
                .contains("the next evaluation retries", "VPC subnets reach AWS through a NAT gateway or VPC endpoints")
                .doesNotContainIgnoringCase("grant");
        assertThat(result.evidence()).containsEntry("failedAction", "ecs:DescribeTaskDefinition").containsEntry("failureKind", "TIMED_OUT");
        assertThat(proxy.served()).isNotEmpty().allSatisfy(served -> assertThat(served.fault()).isEqualTo(Fault.HANG));
    }

    @Test
    void describeTaskDefinitionDenied_isUnknownAskingForThePermission_withoutRetrying() {
        proxy.inject("ecs", "DescribeTaskDefinition", Fault.ACCESS_DENIED);

        CheckResult result = result(evaluate(), "writable-root-filesystem");

        assertThat(result.status()).isEqualTo(CheckStatus.UNKNOWN);
        assertThat(result.message()).contains("reading the task definition failed: ecs:DescribeTaskDefinition was denied (AccessDeniedException: ");
        assertThat(result.remediation()).isEqualTo("Grant the ExecReady checker's role ecs:DescribeTaskDefinition, then evaluate the task again.");
        assertThat(result.evidence()).containsEntry("failedAction", "ecs:DescribeTaskDefinition").containsEntry("failureKind", "DENIED");
        assertThat(proxy.served()).hasSize(1);
    }

    @Test
    void describeTaskDefinitionUnavailable_isUnknownSayingAwsCouldNotBeReached() {
        proxy.inject("ecs", "DescribeTaskDefinition", Fault.UNAVAILABLE);

        CheckResult result = result(evaluate(), "writable-root-filesystem");

        assertThat(result.status()).isEqualTo(CheckStatus.UNKNOWN);
        assertThat(result.message()).contains("ecs:DescribeTaskDefinition could not reach AWS (ServiceUnavailableException: Service Unavailable)");
        assertThat(result.remediation()).startsWith("AWS could not be reached for ecs:DescribeTaskDefinition (an AWS outage or a network problem")
                .doesNotContainIgnoringCase("grant");
        assertThat(result.evidence()).containsEntry("failureKind", "UNREACHABLE");
    }

    @Test
    void throttledTimedOutAndDenied_eachGiveTheirOwnRemediation() {
        List<String> remediations = List.of(Fault.THROTTLED, Fault.HANG, Fault.ACCESS_DENIED).stream()
                .map(fault -> {
                    proxy.clear();
                    proxy.inject("ecs", "DescribeTaskDefinition", fault);
                    return result(evaluate(), "writable-root-filesystem").remediation();
                })
                .toList();

        assertThat(remediations).doesNotHaveDuplicates().allSatisfy(text -> assertThat(text).contains("ecs:DescribeTaskDefinition"));
        assertThat(remediations).filteredOn(text -> text.contains("Grant")).containsExactly(remediations.get(2));
    }

    @Test
    void describeSubnetsThrottledInEc2sOwnErrorShape_isUnknownNamingEc2sQuota() {
        proxy.inject("ec2", "DescribeSubnets", Fault.THROTTLED);

        CheckResult result = result(evaluate(), "ssm-reachable");

        assertThat(result.status()).isEqualTo(CheckStatus.UNKNOWN);
        assertThat(result.message()).contains("ec2:DescribeSubnets was throttled and the retries ran out (RequestLimitExceeded: Request limit exceeded)");
        assertThat(result.remediation())
                .contains("EC2 DescribeSubnets, like every EC2 Describe action, is limited to 20 requests per second (burst 100) per account and Region")
                .doesNotContainIgnoringCase("grant");
        assertThat(result.evidence()).containsEntry("failedAction", "ec2:DescribeSubnets").containsEntry("failureKind", "THROTTLED");
    }

    @Test
    void simulatePrincipalPolicyDeniedInTheQueryErrorShape_isUnknownAskingForThePermission() {
        proxy.inject("iam", "SimulatePrincipalPolicy", Fault.ACCESS_DENIED);

        CheckResult result = result(evaluate(), "task-role-ssmmessages");

        assertThat(result.status()).isEqualTo(CheckStatus.UNKNOWN);
        assertThat(result.message()).contains("iam:SimulatePrincipalPolicy was denied (AccessDenied: ");
        assertThat(result.remediation()).startsWith("Grant the ExecReady checker's role iam:SimulatePrincipalPolicy, then evaluate the task again");
        assertThat(result.evidence()).containsEntry("failureKind", "DENIED");
    }

    @Test
    void simulatePrincipalPolicyThrottledInTheQueryErrorShape_saysIamThrottlesEarly() {
        proxy.inject("iam", "SimulatePrincipalPolicy", Fault.THROTTLED);

        CheckResult result = result(evaluate(), "task-role-ssmmessages");

        assertThat(result.status()).isEqualTo(CheckStatus.UNKNOWN);
        assertThat(result.message()).contains("iam:SimulatePrincipalPolicy was throttled and the retries ran out (Throttling: Rate exceeded)");
        assertThat(result.remediation()).contains("IAM SimulatePrincipalPolicy has no published rate and throttles early")
                .doesNotContainIgnoringCase("grant");
    }

    private static TaskReport evaluate() {
        TaskSnapshotLoader loader = new TaskSnapshotLoader(new SdkEcsGateway(checkerClients.ecs()), new SdkIamGateway(checkerClients.iam()),
                new SdkEc2Gateway(checkerClients.ec2()), new SdkReadSource(checkerClients), List.of(), executor);
        return new CheckEngine(CheckRegistry.all(), Clock.systemUTC()).evaluate(loader.load(task));
    }

    private static CheckResult result(TaskReport report, String checkId) {
        return report.results().stream().filter(r -> r.checkId().equals(checkId)).findFirst().orElseThrow();
    }

    /** A Fargate task with ECS Exec on and a task role, in a subnet of its own VPC, as DescribeTasks reports it. */
    private static EcsTask runTask(AwsClients clients) {
        String vpc = clients.ec2().createVpc(r -> r.cidrBlock("10.2.0.0/16")).vpc().vpcId();
        clients.ec2().modifyVpcAttribute(r -> r.vpcId(vpc).enableDnsHostnames(a -> a.value(true)));
        String subnet = clients.ec2().createSubnet(r -> r.vpcId(vpc).cidrBlock("10.2.1.0/24").availabilityZone("us-east-1a")).subnet().subnetId();
        String group = clients.ec2().createSecurityGroup(r -> r.vpcId(vpc).groupName("orders-tasks").description("tasks")).groupId();
        clients.iam().createRole(r -> r.roleName("orders-task").assumeRolePolicyDocument("{\"Version\":\"2012-10-17\",\"Statement\":"
                + "[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ecs-tasks.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}"));
        clients.ecs().createCluster(r -> r.clusterName(CLUSTER));
        clients.ecs().registerTaskDefinition(r -> r.family("orders-api").taskRoleArn(TASK_ROLE)
                .networkMode(NetworkMode.AWSVPC).requiresCompatibilities(Compatibility.FARGATE).cpu("256").memory("512")
                .containerDefinitions(ContainerDefinition.builder().name("api").image("public.ecr.aws/nginx/nginx:1.27").memory(448).essential(true).build()));
        String taskArn = clients.ecs().runTask(r -> r.cluster(CLUSTER).taskDefinition("orders-api").launchType(LaunchType.FARGATE)
                .enableExecuteCommand(true)
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(subnet).securityGroups(group)
                        .assignPublicIp(AssignPublicIp.DISABLED)))).tasks().getFirst().taskArn();
        return new SdkEcsGateway(clients.ecs()).describeTasks(CLUSTER, List.of(taskArn)).get(taskArn).asOptional().orElseThrow();
    }
}
