package io.execready.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.execready.harness.FaultProxy;
import io.execready.harness.FaultProxy.Fault;
import io.execready.harness.SnsNotification;
import io.execready.functions.local.DemoScenario;
import io.execready.functions.local.LocalCheckerRun;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;
import software.amazon.awssdk.services.securityhub.model.RecordState;

/**
 * Every function, in-process through its package-private constructor with components built from an
 * environment map (as the Lambda runtime builds them), against the emulator with the real SDK, with
 * a {@link FaultProxy} in front of the emulator and of DynamoDB Local: service x fault x function.
 *
 * <p>Each cell gets a cluster of its own with one broken service and a running task of it, then:
 * the function is invoked under the fault; the fault is cleared; the same event (same id) is
 * replayed, as Lambda's retry or a dead-letter redrive would. Asserted per cell:
 * <ul>
 *   <li>no false verdict: every finding imported under the fault says what the fault-free run says,
 *       or UNKNOWN naming the failed action and its kind;</li>
 *   <li>the invocation fails where Lambda's retry is what completes it (a publish-side fault, a
 *       passing ECS fault, a passing IAM fault that leaves the service undetermined), and succeeds
 *       where a retry cannot help (a denial) or is not needed;</li>
 *   <li>after the replay, the subject's findings are what the fault-free run imports, and exactly
 *       one alert was sent for its one transition (two for an SNS answer that failed after SNS took
 *       the message: the one duplicate chosen on purpose, see README).</li>
 * </ul>
 * SDK limits are short (2 attempts of 1 s, 2 s per call) so a hang costs seconds, not minutes.
 */
@Tag("emulator")
class FaultMatrixTest {

    enum Function { TASK_EVENT, SERVICE_EVENT, SWEEP, ON_DEMAND }

    /** The proxy's signing names of the services the functions call. */
    static final List<String> SERVICES = List.of("ecs", "ec2", "iam", "securityhub", "sns", "dynamodb");
    static final List<Fault> FAULTS = List.of(Fault.THROTTLED, Fault.UNAVAILABLE, Fault.HANG, Fault.ACCESS_DENIED, Fault.FORWARDED_THEN_FAILED);
    private static final Set<String> PUBLISH_SIDE = Set.of("securityhub", "sns", "dynamodb");
    private static final String SERVICE = "billing-api";
    /**
     * The broken service's task definition in the matrix: the demo's broken task role (no ssmmessages)
     * on an otherwise sound container, so that its one failing check is judged from an IAM simulation
     * and a passing IAM fault leaves it undetermined rather than still failing on something else.
     */
    private static final String FAMILY = "billing-api-role-only";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static LocalCheckerRun run;
    private static FaultProxy awsProxy;
    private static FaultProxy dynamoDbProxy;
    private static final Map<String, String> SAVED_PROPERTIES = new LinkedHashMap<>();
    private static final AtomicInteger CLUSTERS = new AtomicInteger();
    /** The fault-free verdict per function: check id to our status, as the findings carry it. */
    private static final Map<Function, Map<String, String>> BASELINE = new ConcurrentHashMap<>();

    /** One execution environment per function, warm across cells as Lambda keeps one. */
    private static final Map<Function, RequestStreamHandler> HANDLERS = new ConcurrentHashMap<>();
    private static final Map<Function, ByteArrayOutputStream> LOGS = new ConcurrentHashMap<>();
    private static final AtomicInteger CELLS = new AtomicInteger();
    private static final AtomicInteger FALSE_VERDICTS = new AtomicInteger();
    private static final AtomicInteger LOST_ALERTS = new AtomicInteger();
    private static final AtomicInteger DOUBLED_ALERTS = new AtomicInteger();
    private static final AtomicInteger CHOSEN_DUPLICATES = new AtomicInteger();

    @BeforeAll
    static void start() {
        run = LocalCheckerRun.start(System.getProperty("java.class.path"));
        try (EcsClient ecs = EcsClient.builder().region(Region.of(run.aws().region())).endpointOverride(URI.create(run.aws().endpoint())).build()) {
            ecs.registerTaskDefinition(r -> r.family(FAMILY).taskRoleArn(run.seeded().brokenRoleArn())
                    .networkMode(software.amazon.awssdk.services.ecs.model.NetworkMode.AWSVPC)
                    .requiresCompatibilities(software.amazon.awssdk.services.ecs.model.Compatibility.FARGATE).cpu("256").memory("512")
                    .containerDefinitions(software.amazon.awssdk.services.ecs.model.ContainerDefinition.builder()
                            .name("api").image("public.ecr.aws/nginx/nginx:1.27").memory(448).essential(true)
                            .linuxParameters(p -> p.initProcessEnabled(true))
                            .build()));
        }
        awsProxy = FaultProxy.start(run.aws().endpoint(), Duration.ofSeconds(4));
        dynamoDbProxy = FaultProxy.start(run.dynamoDb().endpoint(), Duration.ofSeconds(4));
        for (String property : List.of("aws.endpointUrl", "aws.endpointUrlDynamoDb")) {
            SAVED_PROPERTIES.put(property, System.getProperty(property));
        }
        // The functions' SDK clients meet the emulators through the proxies; the test's own clients go direct.
        System.setProperty("aws.endpointUrl", awsProxy.endpoint());
        System.setProperty("aws.endpointUrlDynamoDb", dynamoDbProxy.endpoint());
    }

    @AfterAll
    static void stop() throws IOException {
        SAVED_PROPERTIES.forEach((name, value) -> {
            if (value == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, value);
            }
        });
        String summary = "fault matrix: " + CELLS.get() + " cells (" + SERVICES.size() + " services x " + FAULTS.size() + " faults x "
                + Function.values().length + " functions); false verdicts " + FALSE_VERDICTS.get() + ", lost alerts " + LOST_ALERTS.get()
                + ", doubled alerts " + DOUBLED_ALERTS.get() + ", chosen duplicates (ambiguous SNS answer) " + CHOSEN_DUPLICATES.get();
        System.out.println(summary);
        Files.writeString(Path.of("target", "fault-matrix.txt"), summary + System.lineSeparator());
        if (awsProxy != null) {
            awsProxy.close();
        }
        if (dynamoDbProxy != null) {
            dynamoDbProxy.close();
        }
        if (run != null) {
            run.close();
        }
    }

    static Stream<Arguments> cells() {
        List<Arguments> cells = new ArrayList<>();
        for (Function function : Function.values()) {
            for (String service : SERVICES) {
                for (Fault fault : FAULTS) {
                    cells.add(Arguments.of(function, service, fault));
                }
            }
        }
        return cells.stream();
    }

    @ParameterizedTest(name = "{0} with {1} {2}")
    @MethodSource("cells")
    void underAFault_noFalseVerdict_retryWhereItHelps_andAfterTheReplayTheFindingsAndOneAlert(Function function, String service, Fault fault)
            throws Exception {
        Map<String, String> baseline = baseline(function);
        Cell cell = newCell();
        String eventId = "fm-event-" + cell.clusterName;

        inject(service, fault);
        Invoked faulted;
        try {
            faulted = invoke(function, cell, eventId);
        } finally {
            awsProxy.clear();
            dynamoDbProxy.clear();
        }
        CELLS.incrementAndGet();

        Map<String, AwsSecurityFinding> underFault = activeFindings(cell);
        for (AwsSecurityFinding finding : underFault.values()) {
            String checkId = finding.generatorId();
            String status = finding.productFields().get("execready/Status");
            String expected = baseline.get(checkId);
            boolean unknownNamingTheFault = "UNKNOWN".equals(status) && finding.description().contains(service + ":");
            if (!status.equals(expected) && !unknownNamingTheFault && !("UNKNOWN".equals(status) && PUBLISH_SIDE.contains(service))) {
                FALSE_VERDICTS.incrementAndGet();
            }
            assertThat(status).as("%s under %s %s: %s", checkId, service, fault, finding.description())
                    .isIn(expected, "UNKNOWN");
            // A publish-side fault may stop a multi-report publication (on demand: the service's report, then
            // its tasks') midway: an UNKNOWN of the service's next-task preflight then stays until the replay.
            if ("UNKNOWN".equals(status) && !"UNKNOWN".equals(expected) && !PUBLISH_SIDE.contains(service)) {
                assertThat(finding.description()).as("an UNKNOWN names the failed action and its kind")
                        .contains(service + ":").containsAnyOf(kindWords(fault));
            }
        }
        assertThat(faulted.failed()).as("%s under %s %s: the invocation fails exactly where Lambda's retry completes it (%s)",
                function, service, fault, faulted.detail()).isEqualTo(shouldFail(function, service, fault));

        Invoked replayed = invoke(function, cell, eventId);
        assertThat(replayed.failed()).as("the replay after the fault cleared: %s", replayed.detail()).isFalse();

        Map<String, String> after = new TreeMap<>();
        activeFindings(cell).forEach((checkId, finding) -> after.put(checkId, finding.productFields().get("execready/Status")));
        assertThat(after).as("findings after the replay").isEqualTo(baseline);
        int alerts = alertsOf(cell);
        boolean ambiguousSns = "sns".equals(service) && fault == Fault.FORWARDED_THEN_FAILED;
        if (alerts < 1) {
            LOST_ALERTS.incrementAndGet();
        } else if (alerts > (ambiguousSns ? 2 : 1)) {
            DOUBLED_ALERTS.incrementAndGet();
        } else if (alerts == 2) {
            CHOSEN_DUPLICATES.incrementAndGet();
        }
        assertThat(alerts).as("alerts for the one transition").isEqualTo(ambiguousSns ? 2 : 1);
    }

    /** A claim whose write DynamoDB made while the caller saw HTTP 500: the retry sends the alert, once. */
    @Test
    void anAlertClaimWrittenWhileTheCallerSawAnError_isSentOnceByTheRetry() throws Exception {
        Cell cell = newCell();
        String eventId = "fm-claim-" + cell.clusterName;
        // A first evaluation's claim rides in the transaction that records its imports; a later one is an UpdateItem.
        dynamoDbProxy.injectWhenBodyContains("dynamodb", "UpdateItem", "pendingAlertOwner", Fault.FORWARDED_THEN_FAILED);
        dynamoDbProxy.injectWhenBodyContains("dynamodb", "TransactWriteItems", "pendingAlertOwner", Fault.FORWARDED_THEN_FAILED);
        Invoked first;
        List<FaultProxy.Served> served;
        try {
            first = invoke(Function.TASK_EVENT, cell, eventId);
            served = dynamoDbProxy.served();
        } finally {
            dynamoDbProxy.clear();
        }
        Invoked replay = invoke(Function.TASK_EVENT, cell, eventId);

        assertThat(served).as("the claim's write met the fault").isNotEmpty();
        assertThat(first.failed() ? 0 : 1).as("either the claim was recognised as ours at once, or the retry picks it up").isBetween(0, 1);
        assertThat(replay.failed()).isFalse();
        assertThat(alertsOf(cell)).isEqualTo(1);
    }

    /** Security Hub and SNS hanging past the call timeout: nothing is half-done; the replay imports and alerts once. */
    @Test
    void securityHubAndSnsHangingTogether_failTheInvocation_andTheReplayImportsAndAlertsOnce() throws Exception {
        Cell cell = newCell();
        String eventId = "fm-hang-" + cell.clusterName;
        awsProxy.inject("securityhub", "*", Fault.HANG);
        awsProxy.inject("sns", "*", Fault.HANG);
        Invoked first;
        try {
            first = invoke(Function.TASK_EVENT, cell, eventId);
        } finally {
            awsProxy.clear();
        }
        Invoked replay = invoke(Function.TASK_EVENT, cell, eventId);

        assertThat(first.failed()).as(first.detail()).isTrue();
        assertThat(replay.failed()).as(replay.detail()).isFalse();
        assertThat(activeFindings(cell)).as(replay.detail()).isNotEmpty();
        assertThat(alertsOf(cell)).isEqualTo(1);
    }

    /**
     * Values planted in a task definition's environment and secrets, in the run's overrides and in
     * the event's copy of them appear nowhere: not in logs, responses, findings, alerts or state.
     */
    @Test
    void canaryValues_inEnvironmentSecretsAndOverrides_appearNowhere() throws Exception {
        String inEnvironment = "CANARY-ENV-7f3a9c";
        String inSecret = "CANARY-SECRET-2b8e41";
        String inOverride = "CANARY-OVERRIDE-c0ffee";
        String inEvent = "CANARY-EVENT-5d1e77";
        String clusterName = String.format("fm-%03d", CLUSTERS.incrementAndGet());
        Cell cell;
        try (EcsClient ecs = EcsClient.builder().region(Region.of(run.aws().region())).endpointOverride(URI.create(run.aws().endpoint())).build()) {
            String clusterArn = ecs.createCluster(r -> r.clusterName(clusterName)).cluster().clusterArn();
            var network = run.seeded().network();
            String family = "canary-" + clusterName;
            ecs.registerTaskDefinition(r -> r.family(family).taskRoleArn(run.seeded().brokenRoleArn())
                    .networkMode(software.amazon.awssdk.services.ecs.model.NetworkMode.AWSVPC)
                    .requiresCompatibilities(software.amazon.awssdk.services.ecs.model.Compatibility.FARGATE).cpu("256").memory("512")
                    .containerDefinitions(software.amazon.awssdk.services.ecs.model.ContainerDefinition.builder()
                            .name("api").image("public.ecr.aws/nginx/nginx:1.27").memory(512).essential(true)
                            .environment(e -> e.name("DB_PASSWORD").value(inEnvironment))
                            .secrets(x -> x.name("API_KEY").valueFrom("arn:aws:secretsmanager:us-east-1:123456789012:secret:" + inSecret))
                            .build()));
            ecs.createService(r -> r.cluster(clusterName).serviceName(SERVICE).taskDefinition(family)
                    .desiredCount(0).launchType(LaunchType.FARGATE).enableExecuteCommand(true)
                    .networkConfiguration(n -> n.awsvpcConfiguration(a -> a
                            .subnets(network.privateSubnetId()).securityGroups(network.taskSecurityGroupId())
                            .assignPublicIp(AssignPublicIp.DISABLED))));
            String primary = ecs.describeServices(r -> r.cluster(clusterName).services(SERVICE)).services().getFirst()
                    .deployments().stream().filter(d -> "PRIMARY".equals(d.status())).findFirst().map(Deployment::id).orElseThrow();
            Task task = ecs.runTask(r -> r.cluster(clusterName).taskDefinition(family).group("service:" + SERVICE).startedBy(primary)
                            .launchType(LaunchType.FARGATE).enableExecuteCommand(true).count(1)
                            .overrides(o -> o.containerOverrides(c -> c.name("api").environment(e -> e.name("TOKEN").value(inOverride))))
                            .networkConfiguration(n -> n.awsvpcConfiguration(a -> a
                                    .subnets(network.privateSubnetId()).securityGroups(network.taskSecurityGroupId())
                                    .assignPublicIp(AssignPublicIp.DISABLED))))
                    .tasks().getFirst();
            cell = new Cell(clusterName, clusterArn, task);
        }
        StringBuilder seen = new StringBuilder();
        for (Function function : Function.values()) {
            String event = event(function, cell, "fm-canary-" + function);
            if (function == Function.TASK_EVENT) {
                event = event.replace("\"launchType\"", "\"overrides\":{\"containerOverrides\":[{\"name\":\"api\",\"environment\":"
                        + "[{\"name\":\"TOKEN\",\"value\":\"" + inEvent + "\"}]}]},\"launchType\"");
                assertThat(event).contains(inEvent);
            }
            Invoked invoked = invokeEvent(function, event);
            assertThat(invoked.failed()).as(invoked.detail()).isFalse();
            seen.append(invoked.detail());
        }
        activeFindings(cell).values().forEach(finding -> seen.append(finding.toString()));
        run.alerts().forEach(alert -> seen.append(alert.message()).append(alert.messageAttributes()).append(alert.subject()));
        try (var dynamoDb = software.amazon.awssdk.services.dynamodb.DynamoDbClient.builder().region(Region.of(run.aws().region()))
                .endpointOverride(URI.create(run.dynamoDb().endpoint())).build()) {
            dynamoDb.scanPaginator(r -> r.tableName(LocalCheckerRun.STATE_TABLE)).items().forEach(item -> item.forEach((name, value) ->
                    seen.append(name).append('=').append(value.b() == null ? value.toString()
                            : new String(decompressed(value.b().asByteArray()), StandardCharsets.UTF_8))));
        }

        assertThat(alertsOf(cell)).as("the broken service was alerted, so the alert was looked at").isEqualTo(1);
        assertThat(seen.toString()).contains(cell.clusterArn()).doesNotContain(inEnvironment, inSecret, inOverride, inEvent);
    }

    private static byte[] decompressed(byte[] bytes) {
        try (var in = new java.util.zip.GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        } catch (IOException notGzip) {
            return bytes;
        }
    }

    /** Where Lambda's retry is what completes the work. */
    private static boolean shouldFail(Function function, String service, Fault fault) {
        boolean passing = fault != Fault.ACCESS_DENIED;
        return switch (service) {
            case "securityhub", "sns", "dynamodb" -> true;
            // ECS decides whether and what to publish: a passing failure is retried; a denial cannot be helped,
            // except by the sweep, whose listing it is (its message is delivered again, then dead-lettered).
            case "ecs" -> passing || function == Function.SWEEP;
            // The broken service fails only a check judged by an IAM simulation (BASELINE_FAILS_ONLY_ON_IAM): a
            // throttled, unreachable or hanging IAM leaves it undetermined, which the event's retry (the sweep
            // message's redelivery) decides; a denial cannot be helped. An on-demand caller gets its answer
            // at once, UNKNOWN included, and asks again: nothing retries it.
            case "iam" -> passing && function != Function.ON_DEMAND;
            // EC2 faults leave network checks UNKNOWN beside the IAM check's FAIL: the service is not ready either way.
            default -> false;
        };
    }

    /** The checks the broken service fails, each judged from an IAM simulation of its task role. */
    private static final Set<String> BASELINE_FAILS_ONLY_ON_IAM = Set.of("task-role-ssmmessages");

    private static String[] kindWords(Fault fault) {
        return switch (fault) {
            case THROTTLED -> new String[] {"throttled"};
            case ACCESS_DENIED -> new String[] {"denied"};
            case HANG -> new String[] {"timed out"};
            case UNAVAILABLE, INTERNAL_ERROR, FORWARDED_THEN_FAILED -> new String[] {"could not reach AWS"};
        };
    }

    private static void inject(String service, Fault fault) {
        (service.equals("dynamodb") ? dynamoDbProxy : awsProxy).inject(service, "*", fault);
    }

    /** The fault-free verdict of a function, from a cell of its own. */
    private static synchronized Map<String, String> baseline(Function function) throws Exception {
        Map<String, String> known = BASELINE.get(function);
        if (known != null) {
            return known;
        }
        Cell cell = newCell();
        Invoked invoked = invoke(function, cell, "fm-baseline-" + cell.clusterName);
        assertThat(invoked.failed()).as("the fault-free run: %s", invoked.detail()).isFalse();
        Map<String, String> statuses = new TreeMap<>();
        activeFindings(cell).forEach((checkId, finding) -> statuses.put(checkId, finding.productFields().get("execready/Status")));
        assertThat(statuses).as("the broken service fails a check").containsValue("FAIL");
        assertThat(statuses.entrySet().stream().filter(e -> "FAIL".equals(e.getValue())).map(Map.Entry::getKey))
                .as("what shouldFail assumes of an IAM or EC2 fault").allMatch(BASELINE_FAILS_ONLY_ON_IAM::contains);
        assertThat(alertsOf(cell)).as("the fault-free run alerts once").isEqualTo(1);
        BASELINE.put(function, statuses);
        return statuses;
    }

    /** A cluster of its own with the broken service and one running task of its PRIMARY deployment. */
    private static Cell newCell() {
        String clusterName = String.format("fm-%03d", CLUSTERS.incrementAndGet());
        try (EcsClient ecs = EcsClient.builder().region(Region.of(run.aws().region())).endpointOverride(URI.create(run.aws().endpoint())).build()) {
            String clusterArn = ecs.createCluster(r -> r.clusterName(clusterName)).cluster().clusterArn();
            var network = run.seeded().network();
            ecs.createService(r -> r.cluster(clusterName).serviceName(SERVICE).taskDefinition(FAMILY)
                    .desiredCount(0).launchType(LaunchType.FARGATE).enableExecuteCommand(true)
                    .networkConfiguration(n -> n.awsvpcConfiguration(a -> a
                            .subnets(network.privateSubnetId()).securityGroups(network.taskSecurityGroupId())
                            .assignPublicIp(AssignPublicIp.DISABLED))));
            String primary = ecs.describeServices(r -> r.cluster(clusterName).services(SERVICE)).services().getFirst()
                    .deployments().stream().filter(d -> "PRIMARY".equals(d.status())).findFirst().map(Deployment::id).orElseThrow();
            Task task = ecs.runTask(r -> r.cluster(clusterName).taskDefinition(FAMILY).group("service:" + SERVICE).startedBy(primary)
                            .launchType(LaunchType.FARGATE).enableExecuteCommand(true).count(1)
                            .networkConfiguration(n -> n.awsvpcConfiguration(a -> a
                                    .subnets(network.privateSubnetId()).securityGroups(network.taskSecurityGroupId())
                                    .assignPublicIp(AssignPublicIp.DISABLED))))
                    .tasks().getFirst();
            return new Cell(clusterName, clusterArn, task);
        }
    }

    private record Cell(String clusterName, String clusterArn, Task task) {
        String subjectKey() {
            return clusterArn + "|service:" + SERVICE;
        }
    }

    private record Invoked(boolean failed, String detail) {
    }

    private static Invoked invoke(Function function, Cell cell, String eventId) throws IOException {
        return invokeEvent(function, event(function, cell, eventId));
    }

    private static Invoked invokeEvent(Function function, String event) throws IOException {
        RequestStreamHandler handler = HANDLERS.computeIfAbsent(function, FaultMatrixTest::handler);
        ByteArrayOutputStream logs = LOGS.get(function);
        logs.reset();
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), response,
                    InProcessFunctions.context());
        } catch (RuntimeException e) {
            return new Invoked(true, e.toString());
        }
        JsonNode answer = JSON.readTree(response.toByteArray());
        boolean batchFailed = answer.path("batchItemFailures").isArray() && !answer.path("batchItemFailures").isEmpty();
        return new Invoked(batchFailed, answer.toString() + " " + logs.toString(StandardCharsets.UTF_8));
    }

    private static RequestStreamHandler handler(Function function) {
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        LOGS.put(function, logs);
        FunctionComponents components = FunctionComponents.create(environment(), new PrintStream(logs, true, StandardCharsets.UTF_8),
                Clock.systemUTC(), FunctionComponents.StateTableNeed.AT_START);
        return switch (function) {
            case TASK_EVENT -> new TaskStateChangeFunction(components);
            case SERVICE_EVENT -> new ServiceChangeFunction(components);
            case SWEEP -> new SweepClusterFunction(components);
            case ON_DEMAND -> new OnDemandCheckFunction(components, true);
        };
    }

    /** The template's environment, pointed at the emulator, with short SDK limits. */
    private static Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>(run.functionEnvironment());
        env.put("AWS_MAX_ATTEMPTS", "2");
        env.put("API_CALL_ATTEMPT_TIMEOUT_SECONDS", "1");
        env.put("API_CALL_TIMEOUT_SECONDS", "2");
        return env;
    }

    private static String event(Function function, Cell cell, String eventId) throws IOException {
        Task task = cell.task();
        return switch (function) {
            case TASK_EVENT -> JSON.writeValueAsString(Map.of(
                    "version", "0", "id", eventId, "source", "aws.ecs", "detail-type", "ECS Task State Change",
                    "account", DemoScenario.ACCOUNT, "region", run.aws().region(), "resources", List.of(task.taskArn()),
                    // The event's facts are the documented example's: no exec fields; ECS fills them.
                    "detail", Map.of("taskArn", task.taskArn(), "clusterArn", cell.clusterArn(), "taskDefinitionArn", task.taskDefinitionArn(),
                            "group", task.group(), "startedBy", task.startedBy(), "lastStatus", "RUNNING", "desiredStatus", "RUNNING",
                            "launchType", "FARGATE", "version", 2)));
            case SERVICE_EVENT -> JSON.writeValueAsString(Map.of(
                    "version", "0", "id", eventId, "source", "aws.ecs", "detail-type", "ECS Deployment State Change",
                    "account", DemoScenario.ACCOUNT, "region", run.aws().region(),
                    "resources", List.of(cell.clusterArn().replace(":cluster/", ":service/") + "/" + SERVICE),
                    "detail", Map.of("eventType", "INFO", "eventName", "SERVICE_DEPLOYMENT_COMPLETED", "deploymentId", "ecs-svc/1",
                            "clusterArn", cell.clusterArn())));
            case SWEEP -> JSON.writeValueAsString(Map.of("Records", List.of(Map.of(
                    "messageId", eventId, "body", "{\"cluster\":\"" + cell.clusterArn() + "\"}",
                    "attributes", Map.of("ApproximateReceiveCount", "1")))));
            case ON_DEMAND -> JSON.writeValueAsString(Map.of("cluster", cell.clusterArn(), "service", SERVICE, "publish", true));
        };
    }

    /** The subject's ACTIVE findings by check id, read from the emulator directly. */
    private static Map<String, AwsSecurityFinding> activeFindings(Cell cell) {
        Map<String, AwsSecurityFinding> active = new TreeMap<>();
        try (SecurityHubClient securityHub = SecurityHubClient.builder().region(Region.of(run.aws().region()))
                .endpointOverride(URI.create(run.aws().endpoint())).build()) {
            securityHub.getFindingsPaginator(r -> r.maxResults(100).filters(f -> f.productFields(
                            p -> p.key("execready/Subject").value(cell.subjectKey()).comparison("EQUALS"))))
                    .findings().stream()
                    .filter(f -> cell.subjectKey().equals(f.productFields().get("execready/Subject")))
                    .filter(f -> f.recordState() == RecordState.ACTIVE)
                    .forEach(f -> active.put(f.generatorId(), f));
        }
        return active;
    }

    private static int alertsOf(Cell cell) {
        int count = 0;
        for (SnsNotification sent : run.alerts()) {
            if (sent.message().contains("in cluster " + cell.clusterName())) {
                count++;
            }
        }
        return count;
    }
}
