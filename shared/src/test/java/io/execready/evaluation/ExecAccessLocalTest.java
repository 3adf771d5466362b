package io.execready.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import io.execready.aws.AwsClients;
import io.execready.aws.ContextEntry;
import io.execready.aws.IamGateway;
import io.execready.aws.PermissionQuery;
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
import io.execready.harness.LocalAws;
import io.execready.snapshot.ActionDecision;
import io.execready.snapshot.EcsTask;
import io.execready.snapshot.Fetched;
import io.execready.snapshot.PermissionSimulation;
import io.execready.snapshot.PolicyDecision;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.ExecuteCommandLogging;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionRule;

/**
 * The exec-access checks end to end against the local emulator: a Fargate task on a cluster with an
 * exec key and session logs to an encrypted log group and bucket, loaded through the real SDK
 * gateways, simulated by the harness's iam:SimulatePrincipalPolicy stand-in (which evaluates
 * conditions against the context entries passed), judged by the registered checks.
 */
@Tag("emulator")
class ExecAccessLocalTest {

    private static final String ACCOUNT = LocalAws.ACCOUNT_ID;
    private static final String CLUSTER = "payments";
    private static final String LOG_GROUP = "/ecs/exec/payments";
    private static final String BUCKET = "payments-exec-audit";
    private static final String PREFIX = "sessions/";

    private static LocalAws aws;
    private static SdkSystemProperties saved;
    private static AwsClients clients;
    private static ExecutorService executor;
    private static EcsTask task;
    private static String keyArn;

    @BeforeAll
    static void start() {
        saved = SdkSystemProperties.save();
        aws = LocalAws.start();
        aws.applyToSystemProperties();
        clients = new AwsClients(Region.US_EAST_1);
        executor = Executors.newVirtualThreadPerTaskExecutor();
        keyArn = clients.kms().createKey().keyMetadata().arn();
        seedAuditDestinations();
        seedRoles();
        task = runTask();
    }

    @AfterAll
    static void stop() {
        if (executor != null) {
            executor.shutdownNow();
        }
        if (aws != null) {
            aws.close();
        }
        saved.restore();
    }

    @Test
    void operatorAllowedUnderRegionAndTagConditions_passesWithEveryOtherExecAccessCheck() {
        CountingIam iam = new CountingIam(new SdkIamGateway(clients.iam()));

        TaskReport report = evaluate(iam, role("payments-operator"));

        assertThat(statuses(report)).containsEntry("operator-can-execute", CheckStatus.PASS)
                .containsEntry("operator-start-session-restricted", CheckStatus.PASS)
                .containsEntry("task-role-ssmmessages", CheckStatus.PASS)
                .containsEntry("task-role-kms-decrypt", CheckStatus.PASS)
                .containsEntry("task-role-audit-log-cloudwatch", CheckStatus.PASS)
                .containsEntry("task-role-audit-log-s3", CheckStatus.PASS)
                .containsEntry("audit-log-destination-ready", CheckStatus.PASS)
                .containsEntry("exec-kms-key-usable", CheckStatus.PASS)
                .containsEntry("kms-key-policy-allows", CheckStatus.PASS)
                .containsEntry("audit-bucket-policy-allows", CheckStatus.PASS);
        // Task role: *, key, log group streams, bucket objects, bucket; operator: task, cluster, key.
        assertThat(iam.queries).hasSize(8);
        PermissionQuery onTask = iam.queries.stream()
                .filter(q -> q.principalArn().equals(role("payments-operator")) && q.resourceArns().equals(List.of(task.taskArn())))
                .findFirst().orElseThrow();
        assertThat(onTask.context()).contains(ContextEntry.string("aws:RequestedRegion", "us-east-1"),
                ContextEntry.string("ecs:ResourceTag/team", "payments"), ContextEntry.string("ecs:container-name", "api"));
    }

    @Test
    void sameOperatorSimulatedWithoutContext_isDeniedForTheMissingKeys() {
        // What the reference script does (no context): the conditions cannot hold, so IAM denies.
        Fetched<PermissionSimulation> withoutContext = new SdkIamGateway(clients.iam()).simulate(new PermissionQuery(
                role("payments-operator"), List.of("ecs:ExecuteCommand"), List.of(task.taskArn()), List.of()));

        ActionDecision decision = withoutContext.asOptional().orElseThrow().decisions().getFirst();
        assertThat(decision.decision()).isEqualTo(PolicyDecision.IMPLICIT_DENY);
        assertThat(decision.missingContextValues()).contains("aws:RequestedRegion", "ecs:ResourceTag/team");
    }

    @Test
    void operatorWhoseTagConditionDoesNotMatch_failsNamingTheDeniedResources() {
        TaskReport report = evaluate(new SdkIamGateway(clients.iam()), role("billing-operator"));

        CheckResult result = result(report, "operator-can-execute");
        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.message()).contains(role("billing-operator"),
                "ecs:ExecuteCommand on " + task.taskArn() + " is implicitly denied",
                "ecs:ExecuteCommand on arn:aws:ecs:us-east-1:" + ACCOUNT + ":cluster/" + CLUSTER + " is implicitly denied");
        assertThat(result.message()).doesNotContain("kms:GenerateDataKey on");
    }

    @Test
    void operatorAllowedStartSession_warns() {
        TaskReport report = evaluate(new SdkIamGateway(clients.iam()), role("session-operator"));

        assertThat(statuses(report)).containsEntry("operator-can-execute", CheckStatus.PASS)
                .containsEntry("operator-start-session-restricted", CheckStatus.WARN);
    }

    @Test
    void keyPolicyThatLetsInNeitherTheTaskRoleNorTheAccount_failsKmsKeyPolicyWithTheHandshakeError() {
        String original = clients.kms().getKeyPolicy(r -> r.keyId(keyArn).policyName("default")).policy();
        clients.kms().putKeyPolicy(r -> r.keyId(keyArn).policyName("default").policy("{\"Version\":\"2012-10-17\",\"Statement\":["
                + "{\"Sid\":\"AdminsOnly\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + role("key-admin") + "\"},"
                + "\"Action\":\"kms:*\",\"Resource\":\"*\"}]}"));
        try {
            TaskReport report = evaluate(new SdkIamGateway(clients.iam()), role("payments-operator"));

            CheckResult result = result(report, "kms-key-policy-allows");
            assertThat(result.status()).as(result.message()).isEqualTo(CheckStatus.FAIL);
            assertThat(result.message()).contains(role("web-task") + ": kms:Decrypt", role("payments-operator") + ": kms:GenerateDataKey",
                    "no resource-based policy allows the kms action");
            assertThat(result.operatorError()).hasValueSatisfying(error -> assertThat(error).contains("KMSEncryption"));
            // IAM alone allows it: the simulation cannot see the key policy.
            assertThat(result(report, "task-role-kms-decrypt").status()).isEqualTo(CheckStatus.PASS);
        } finally {
            clients.kms().putKeyPolicy(r -> r.keyId(keyArn).policyName("default").policy(original));
        }
    }

    @Test
    void bucketPolicyDenyingUploadsWithoutAnEncryptionHeader_failsAuditBucketPolicy() {
        clients.s3().putBucketPolicy(r -> r.bucket(BUCKET).policy("{\"Version\":\"2012-10-17\",\"Statement\":["
                + "{\"Sid\":\"RequireKms\",\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:PutObject\","
                + "\"Resource\":\"arn:aws:s3:::" + BUCKET + "/*\","
                + "\"Condition\":{\"StringNotEquals\":{\"s3:x-amz-server-side-encryption\":\"aws:kms\"}}}]}"));
        try {
            TaskReport report = evaluate(new SdkIamGateway(clients.iam()));

            CheckResult result = result(report, "audit-bucket-policy-allows");
            assertThat(result.status()).as(result.message()).isEqualTo(CheckStatus.FAIL);
            assertThat(result.message()).contains(BUCKET, "RequireKms", role("web-task"));
            assertThat(result.operatorError()).isPresent();
        } finally {
            clients.s3().deleteBucketPolicy(r -> r.bucket(BUCKET));
        }
    }

    private static TaskReport evaluate(IamGateway iam, String... operators) {
        TaskSnapshotLoader loader = new TaskSnapshotLoader(new SdkEcsGateway(clients.ecs()), iam, new SdkEc2Gateway(clients.ec2()),
                new SdkReadSource(clients), List.of(operators), executor);
        return new CheckEngine(CheckRegistry.all(), Clock.systemUTC()).evaluate(loader.load(task));
    }

    private static Map<String, CheckStatus> statuses(TaskReport report) {
        return report.results().stream().collect(Collectors.toMap(CheckResult::checkId, CheckResult::status));
    }

    private static CheckResult result(TaskReport report, String checkId) {
        return report.results().stream().filter(r -> r.checkId().equals(checkId)).findFirst().orElseThrow();
    }

    private static String role(String name) {
        return "arn:aws:iam::" + ACCOUNT + ":role/" + name;
    }

    private static void seedAuditDestinations() {
        String logsKey = clients.kms().createKey().keyMetadata().arn();
        clients.logs().createLogGroup(r -> r.logGroupName(LOG_GROUP).kmsKeyId(logsKey));
        clients.s3().createBucket(r -> r.bucket(BUCKET));
        clients.s3().putBucketEncryption(r -> r.bucket(BUCKET).serverSideEncryptionConfiguration(c -> c
                .rules(ServerSideEncryptionRule.builder().applyServerSideEncryptionByDefault(d -> d.sseAlgorithm(ServerSideEncryption.AES256)).build())));
    }

    private static void seedRoles() {
        String inRegion = "\"Condition\":{\"StringEquals\":{\"aws:RequestedRegion\":\"us-east-1\"}}";
        role("web-task", "ecs-tasks.amazonaws.com", "{\"Version\":\"2012-10-17\",\"Statement\":["
                + "{\"Effect\":\"Allow\",\"Action\":[\"ssmmessages:CreateControlChannel\",\"ssmmessages:CreateDataChannel\","
                + "\"ssmmessages:OpenControlChannel\",\"ssmmessages:OpenDataChannel\",\"logs:DescribeLogGroups\",\"s3:GetBucketLocation\"],"
                + "\"Resource\":\"*\"," + inRegion + "},"
                + "{\"Effect\":\"Allow\",\"Action\":\"kms:Decrypt\",\"Resource\":\"" + keyArn + "\"," + inRegion + "},"
                + "{\"Effect\":\"Allow\",\"Action\":[\"logs:CreateLogStream\",\"logs:DescribeLogStreams\",\"logs:PutLogEvents\"],"
                + "\"Resource\":\"arn:aws:logs:us-east-1:" + ACCOUNT + ":log-group:" + LOG_GROUP + ":*\"},"
                + "{\"Effect\":\"Allow\",\"Action\":\"s3:PutObject\",\"Resource\":\"arn:aws:s3:::" + BUCKET + "/" + PREFIX + "*\"},"
                + "{\"Effect\":\"Allow\",\"Action\":\"s3:GetEncryptionConfiguration\",\"Resource\":\"arn:aws:s3:::" + BUCKET + "\"}]}");
        role("payments-operator", null, operatorPolicy("payments", ""));
        role("billing-operator", null, operatorPolicy("billing", ""));
        role("session-operator", null, operatorPolicy("payments",
                ",{\"Effect\":\"Allow\",\"Action\":\"ssm:StartSession\",\"Resource\":\"*\"}"));
    }

    /** execute-command only in us-east-1 on resources tagged team=TEAM, as many organisations write it. */
    private static String operatorPolicy(String team, String extraStatements) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":["
                + "{\"Effect\":\"Allow\",\"Action\":\"ecs:ExecuteCommand\",\"Resource\":[\"arn:aws:ecs:us-east-1:" + ACCOUNT + ":task/*\","
                + "\"arn:aws:ecs:us-east-1:" + ACCOUNT + ":cluster/*\"],"
                + "\"Condition\":{\"StringEquals\":{\"aws:RequestedRegion\":\"us-east-1\",\"ecs:ResourceTag/team\":\"" + team + "\"}}},"
                + "{\"Effect\":\"Allow\",\"Action\":\"kms:GenerateDataKey\",\"Resource\":\"" + keyArn + "\"}" + extraStatements + "]}";
    }

    private static void role(String name, String service, String policy) {
        String trust = service == null
                ? "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::" + ACCOUNT
                        + ":root\"},\"Action\":\"sts:AssumeRole\"}]}"
                : "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"" + service
                        + "\"},\"Action\":\"sts:AssumeRole\"}]}";
        clients.iam().createRole(r -> r.roleName(name).assumeRolePolicyDocument(trust));
        clients.iam().putRolePolicy(r -> r.roleName(name).policyName("access").policyDocument(policy));
    }

    /** A Fargate task tagged team=payments, ECS Exec on, in cluster payments (tagged the same), as RunTask reports it. */
    private static EcsTask runTask() {
        try (Ec2Client ec2 = Ec2Client.builder().region(Region.US_EAST_1).build()) {
            return runTask(ec2);
        }
    }

    private static EcsTask runTask(Ec2Client ec2) {
        String vpc = ec2.createVpc(r -> r.cidrBlock("10.1.0.0/16")).vpc().vpcId();
        ec2.modifyVpcAttribute(r -> r.vpcId(vpc).enableDnsHostnames(a -> a.value(true)));
        String subnet = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.1.1.0/24").availabilityZone("us-east-1a")).subnet().subnetId();
        String group = ec2.createSecurityGroup(r -> r.vpcId(vpc).groupName("payments-tasks").description("tasks")).groupId();
        clients.ecs().createCluster(r -> r.clusterName(CLUSTER)
                .tags(software.amazon.awssdk.services.ecs.model.Tag.builder().key("team").value("payments").build())
                .configuration(c -> c.executeCommandConfiguration(e -> e.kmsKeyId(keyArn).logging(ExecuteCommandLogging.OVERRIDE)
                        .logConfiguration(l -> l.cloudWatchLogGroupName(LOG_GROUP).cloudWatchEncryptionEnabled(true)
                                .s3BucketName(BUCKET).s3KeyPrefix(PREFIX).s3EncryptionEnabled(true)))));
        clients.ecs().registerTaskDefinition(r -> r.family("payments-api").taskRoleArn(role("web-task"))
                .networkMode(NetworkMode.AWSVPC).requiresCompatibilities(Compatibility.FARGATE).cpu("256").memory("512")
                .containerDefinitions(ContainerDefinition.builder().name("api").image("public.ecr.aws/nginx/nginx:1.27").memory(448).essential(true).build()));
        String taskArn = clients.ecs().runTask(r -> r.cluster(CLUSTER).taskDefinition("payments-api").launchType(LaunchType.FARGATE)
                .enableExecuteCommand(true).tags(software.amazon.awssdk.services.ecs.model.Tag.builder().key("team").value("payments").build())
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(subnet).securityGroups(group)
                        .assignPublicIp(AssignPublicIp.DISABLED)))).tasks().getFirst().taskArn();
        return new SdkEcsGateway(clients.ecs()).describeTasks(CLUSTER, List.of(taskArn)).get(taskArn).asOptional().orElseThrow();
    }

    /** Passes every query to the real gateway, remembering it. */
    private static final class CountingIam implements IamGateway {
        final List<PermissionQuery> queries = new CopyOnWriteArrayList<>();
        private final IamGateway delegate;

        CountingIam(IamGateway delegate) {
            this.delegate = delegate;
        }

        @Override
        public Fetched<PermissionSimulation> simulate(PermissionQuery query) {
            queries.add(query);
            return delegate.simulate(query);
        }

        @Override
        public Fetched<String> instanceProfileRole(String instanceProfileArn) {
            return delegate.instanceProfileRole(instanceProfileArn);
        }
    }
}
