package io.execready.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.execready.functions.local.DemoScenario;
import io.execready.functions.local.LocalCheckerRun;
import io.execready.harness.Invocation;
import io.execready.harness.LambdaFunction;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * The periodic sweep as Lambda runs it: the Scheduled Event goes to {@link SweepFunction}, which
 * queues one message per cluster on the emulator's SQS queue; the test then plays Lambda's SQS
 * event source (receive, invoke {@link SweepClusterFunction} with the SQS event, delete what it did
 * not report as failed) and reads what reached Security Hub.
 */
@Tag("emulator")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("emulator")
class SweepEndToEndTest {

    private static final String SWEEP = "io.execready.functions.SweepFunction::handleRequest";
    private static final String WORKER = "io.execready.functions.SweepClusterFunction::handleRequest";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECOND_CLUSTER = "execready-reports";
    private static final String SECOND_CLUSTER_ARN = "arn:aws:ecs:us-east-1:" + DemoScenario.ACCOUNT + ":cluster/" + SECOND_CLUSTER;
    private static final String REPORTS_SERVICE = "reports";
    private static final String SSM_MESSAGES = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
              "Action":["ssmmessages:CreateControlChannel","ssmmessages:CreateDataChannel","ssmmessages:OpenControlChannel","ssmmessages:OpenDataChannel"],
              "Resource":"*"}]}""";

    private static LocalCheckerRun run;
    private static Region region;
    private static String reportsTask;
    /** Every AWS operation the sweep functions reported calling. */

    @BeforeAll
    static void start() {
        run = LocalCheckerRun.start(System.getProperty("java.class.path"));
        region = Region.of(run.aws().region());
        DemoScenario.runServiceTask(region, run.seeded(), DemoScenario.READY_SERVICE);
        DemoScenario.runServiceTask(region, run.seeded(), DemoScenario.BROKEN_SERVICE);
        try (EcsClient ecs = EcsClient.builder().region(region).build()) {
            ecs.createCluster(r -> r.clusterName(SECOND_CLUSTER));
            ecs.createService(r -> r.cluster(SECOND_CLUSTER).serviceName(REPORTS_SERVICE).taskDefinition(DemoScenario.READY_SERVICE)
                    .desiredCount(0).launchType(LaunchType.FARGATE).enableExecuteCommand(true)
                    .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(run.seeded().network().privateSubnetId())
                            .securityGroups(run.seeded().network().taskSecurityGroupId()).assignPublicIp(AssignPublicIp.DISABLED))));
            String primary = ecs.describeServices(r -> r.cluster(SECOND_CLUSTER).services(REPORTS_SERVICE)).services().getFirst()
                    .deployments().stream().filter(d -> "PRIMARY".equals(d.status())).findFirst().orElseThrow().id();
            reportsTask = ecs.runTask(r -> r.cluster(SECOND_CLUSTER).taskDefinition(DemoScenario.READY_SERVICE)
                            .group("service:" + REPORTS_SERVICE).startedBy(primary).launchType(LaunchType.FARGATE)
                            .enableExecuteCommand(true).count(1)
                            .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(run.seeded().network().privateSubnetId())
                                    .securityGroups(run.seeded().network().taskSecurityGroupId()).assignPublicIp(AssignPublicIp.DISABLED))))
                    .tasks().getFirst().taskArn();
        }
    }

    @AfterAll
    static void stop() {
        if (worker != null) {
            worker.close();
        }
        if (run != null) {
            run.close();
        }
    }

    @Test
    @Order(1)
    void firstSweep_evaluatesEveryClustersRunningTasks_andPublishesTheirFindings() throws Exception {
        JsonNode dispatched = sweep();
        assertThat(dispatched.get("clusters").asInt()).isEqualTo(2);

        List<JsonNode> swept = drainSweepQueue(workerFunction());
        assertThat(swept).hasSize(2).allSatisfy(response -> assertThat(response.get("batchItemFailures")).isEmpty());
        assertThat(compliance(DemoScenario.CLUSTER_ARN, DemoScenario.BROKEN_SERVICE, "task-role-ssmmessages")).isEqualTo("FAILED");
        assertThat(compliance(DemoScenario.CLUSTER_ARN, DemoScenario.READY_SERVICE, "task-role-ssmmessages")).isEqualTo("PASSED");
        assertThat(compliance(SECOND_CLUSTER_ARN, REPORTS_SERVICE, "task-role-ssmmessages")).isEqualTo("PASSED");
        assertThat(findingsOf(SECOND_CLUSTER_ARN, REPORTS_SERVICE)).allMatch(f -> f.recordState().toString().equals("ACTIVE"));
    }

    @Test
    @Order(2)
    void secondSweep_passesARoleFixedOutsideEcs_andArchivesADeletedService() throws Exception {
        try (IamClient iam = IamClient.builder().region(region).build();
             EcsClient ecs = EcsClient.builder().region(region).build()) {
            // No ECS event reports either change: only the sweep sees them.
            iam.putRolePolicy(r -> r.roleName(DemoScenario.BROKEN_ROLE).policyName("ecs-exec-channels").policyDocument(SSM_MESSAGES));
            ecs.deleteService(r -> r.cluster(SECOND_CLUSTER).service(REPORTS_SERVICE).force(true));
            ecs.stopTask(r -> r.cluster(SECOND_CLUSTER).task(reportsTask).reason("service deleted"));
        }

        sweep();
        List<JsonNode> swept = drainSweepQueue(workerFunction());

        assertThat(swept).hasSize(2).allSatisfy(response -> assertThat(response.get("batchItemFailures")).isEmpty());
        assertThat(compliance(DemoScenario.CLUSTER_ARN, DemoScenario.BROKEN_SERVICE, "task-role-ssmmessages")).isEqualTo("PASSED");
        assertThat(findingsOf(SECOND_CLUSTER_ARN, REPORTS_SERVICE)).isNotEmpty()
                .allMatch(f -> f.recordState().toString().equals("ARCHIVED"));
        assertThat(findingsOf(DemoScenario.CLUSTER_ARN, DemoScenario.READY_SERVICE))
                .allMatch(f -> f.recordState().toString().equals("ACTIVE"));
    }

    @Test
    @Order(4)
    void workerLogsOneMetricsLinePerInvocation_inEmbeddedMetricFormat() throws Exception {
        Invocation invocation = workerFunction().invoke(sqsEvent(List.of(Map.of("id", "m-1",
                "body", "{\"cluster\":\"" + DemoScenario.CLUSTER_ARN + "\"}", "receiveCount", "1"))), LocalCheckerRun.INVOKE_TIMEOUT);

        List<JsonNode> metrics = new ArrayList<>();
        for (String line : invocation.logLines()) {
            if (line.startsWith("{") && line.contains("\"_aws\"")) {
                metrics.add(JSON.readTree(line));
            }
        }
        assertThat(metrics).hasSize(1);
        JsonNode line = metrics.getFirst();
        assertThat(line.at("/_aws/CloudWatchMetrics/0/Namespace").asText()).isEqualTo("ExecReady");
        assertThat(line.get("Function").asText()).isEqualTo("SweepCluster");
        assertThat(line.get("TasksEvaluated").asInt()).isEqualTo(2);
        assertThat(line.get("NotReadySubjects").asInt()).isEqualTo(1);
        assertThat(line.has("ImportCalls")).isTrue();
    }

    @Test
    @Order(3)
    void anIamPolicyChange_dispatchesASweepOfEveryCluster() throws Exception {
        Invocation invocation = run.invoke(SWEEP, Files.readString(LocalCheckerRun.eventsDirectory().resolve("cloudtrail-iam-put-role-policy.json")));
        JsonNode response = succeeded(invocation);

        assertThat(response.get("outcome").asText()).isEqualTo("DISPATCHED");
        assertThat(response.get("clusters").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(drainSweepQueue(workerFunction())).isNotEmpty()
                .allSatisfy(worked -> assertThat(worked.path("batchItemFailures")).isEmpty());
    }

    @Test
    @Order(5)
    void malformedInput_endsCleanlyWithOneWarnLine() throws Exception {
        Invocation notJson = run.invoke(SWEEP, "{\"detail-type\": ");
        Invocation foreign = run.invoke(SWEEP, Files.readString(LocalCheckerRun.eventsDirectory().resolve("task-running-exec-ready.json")));
        Invocation badMessage = workerFunction().invoke(sqsEvent(List.of(Map.of("id", "m-bad", "body", "not json", "receiveCount", "1"))),
                LocalCheckerRun.INVOKE_TIMEOUT);

        for (Invocation invocation : List.of(notJson, foreign, badMessage)) {
            assertThat(invocation.succeeded()).isTrue();
            assertThat(invocation.logLines().stream().filter(l -> l.contains("\"level\":\"WARN\""))).hasSize(1);
        }
        assertThat(JSON.readTree(notJson.payload()).get("outcome").asText()).isEqualTo("IGNORED");
        assertThat(JSON.readTree(foreign.payload()).get("outcome").asText()).isEqualTo("IGNORED");
        assertThat(JSON.readTree(badMessage.payload()).get("batchItemFailures")).isEmpty();
    }

    @Test
    @Order(6)
    void aSweepThatKeepsFailing_isDeliveredAgain_thenReachesTheDeadLetterQueueWhole() throws Exception {
        // A worker whose state table is unavailable: every sweep fails until the table is back.
        Map<String, String> environment = new LinkedHashMap<>(run.functionEnvironment());
        environment.put("STATE_TABLE_NAME", "execready-state-unavailable");
        String body = "{\"cluster\":\"" + DemoScenario.CLUSTER_ARN + "\"}";
        try (LambdaFunction failing = LambdaFunction.start(WORKER, System.getProperty("java.class.path"), environment);
             SqsClient sqs = SqsClient.builder().region(region).build()) {
            sqs.sendMessage(r -> r.queueUrl(run.sweepQueues().queueUrl()).messageBody(body));

            List<JsonNode> responses = drainSweepQueue(failing);

            assertThat(responses).hasSize(LocalCheckerRun.SWEEP_MAX_RECEIVE_COUNT)
                    .allSatisfy(response -> assertThat(response.get("batchItemFailures")).hasSize(1));
            List<Message> deadLetters = sqs.receiveMessage(r -> r.queueUrl(run.sweepQueues().deadLetterQueueUrl())
                    .maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
            assertThat(deadLetters).extracting(Message::body).containsExactly(body);
        }
    }

    @Test
    @Order(7)
    void everyAwsOperationTheSweepCalled_isGrantedByTheTemplate() {
        assertThat(run.calledOperations()).contains("Ecs:ListClusters", "Sqs:SendMessageBatch", "DynamoDb:Query");
        assertThat(run.calledOperations().stream().map(GrantedActions::actionOf).toList())
                .as("operations called, as IAM actions")
                .isSubsetOf(GrantedActions.inTemplate());
    }

    private static LambdaFunction worker;

    /** The worker function, started once with the template's environment. */
    private static LambdaFunction workerFunction() {
        if (worker == null) {
            worker = LambdaFunction.start(WORKER, System.getProperty("java.class.path"), run.functionEnvironment());
        }
        return worker;
    }

    private static JsonNode sweep() throws Exception {
        Invocation invocation = run.invoke(SWEEP, Files.readString(LocalCheckerRun.eventsDirectory().resolve("scheduled-sweep.json")));
        JsonNode response = succeeded(invocation);
        assertThat(response.get("outcome").asText()).isEqualTo("DISPATCHED");
        return response;
    }

    /**
     * What Lambda's SQS event source does, one message per batch: receive, invoke, delete unless the
     * response names the message as failed (then it becomes visible again after the visibility
     * timeout). Stops when the queue stays empty past one visibility timeout.
     */
    private static List<JsonNode> drainSweepQueue(LambdaFunction function) throws Exception {
        List<JsonNode> responses = new ArrayList<>();
        try (SqsClient sqs = SqsClient.builder().region(region).build()) {
            String url = run.sweepQueues().queueUrl();
            for (int empty = 0; empty < 2; ) {
                List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(1)
                        .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)
                        .waitTimeSeconds(LocalCheckerRun.SWEEP_VISIBILITY_TIMEOUT_SECONDS + 1)).messages();
                if (messages.isEmpty()) {
                    empty++;
                    continue;
                }
                empty = 0;
                Message message = messages.getFirst();
                JsonNode response = succeeded(function.invoke(sqsEvent(List.of(Map.of("id", message.messageId(), "body", message.body(),
                        "receiveCount", message.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)))),
                        LocalCheckerRun.INVOKE_TIMEOUT));
                responses.add(response);
                if (response.get("batchItemFailures").isEmpty()) {
                    sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(message.receiptHandle()));
                } else {
                    Thread.sleep(Duration.ofSeconds(LocalCheckerRun.SWEEP_VISIBILITY_TIMEOUT_SECONDS).toMillis());
                }
            }
        }
        return responses;
    }

    /** The SQS event Lambda sends, shaped as events/sweep-cluster-message.json. */
    private static String sqsEvent(List<Map<String, String>> messages) throws Exception {
        ObjectNode event = (ObjectNode) JSON.readTree(Files.readString(LocalCheckerRun.eventsDirectory().resolve("sweep-cluster-message.json")));
        ObjectNode template = (ObjectNode) event.get("Records").get(0);
        ArrayNode records = JSON.createArrayNode();
        for (Map<String, String> message : messages) {
            ObjectNode record = template.deepCopy();
            record.put("messageId", message.get("id"));
            record.put("body", message.get("body"));
            ((ObjectNode) record.get("attributes")).put("ApproximateReceiveCount", message.get("receiveCount"));
            records.add(record);
        }
        event.set("Records", records);
        return JSON.writeValueAsString(event);
    }

    private static JsonNode succeeded(Invocation invocation) throws Exception {
        return run.responseOf(invocation);
    }

    private static List<AwsSecurityFinding> findingsOf(String clusterArn, String service) {
        return run.findingsOfSubject(clusterArn + "|service:" + service);
    }

    private static String compliance(String clusterArn, String service, String checkId) {
        return findingsOf(clusterArn, service).stream().filter(f -> f.generatorId().equals(checkId))
                .map(f -> f.compliance().statusAsString()).findFirst().orElse("none");
    }
}
