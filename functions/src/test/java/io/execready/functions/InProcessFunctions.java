package io.execready.functions;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.execready.aws.AwsCallRecorder;
import io.execready.aws.ReadCache;
import io.execready.aws.TaskListQuery;
import io.execready.checks.CheckRegistry;
import io.execready.checks.ServiceCheckRegistry;
import io.execready.config.CheckerConfig;
import io.execready.engine.CheckEngine;
import io.execready.evaluation.ClusterSweep;
import io.execready.evaluation.ServiceEvaluation;
import io.execready.evaluation.TaskBatchEvaluation;
import io.execready.evaluation.TaskEvaluation;
import io.execready.fixtures.EcsGatewayDouble;
import io.execready.fixtures.InMemoryFindingsPort;
import io.execready.fixtures.InMemoryTaskEventVersions;
import io.execready.fixtures.ReadFailures;
import io.execready.fixtures.TaskSnapshotFixture;
import io.execready.logging.JsonLog;
import io.execready.publish.ClaimOwner;
import io.execready.functions.events.TaskStateChangeParser;
import io.execready.publish.ImportRetryBudget;
import io.execready.state.ServiceEvaluationClaims;
import io.execready.snapshot.EcsCluster;
import io.execready.snapshot.EcsService;
import io.execready.snapshot.EcsTask;
import io.execready.snapshot.EvaluatedTask;
import io.execready.snapshot.Fetched;
import io.execready.snapshot.NextTaskOf;
import io.execready.snapshot.RunningTask;
import io.execready.snapshot.Subject;
import io.execready.snapshot.TaskSnapshot;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;

/**
 * The functions wired in-process as {@link FunctionComponents#create} wires them, with the
 * in-memory findings port, in-memory dedupe and debounce, a fake ECS that holds the tasks and
 * services a test puts in it, and snapshots built from {@link TaskSnapshotFixture} (cluster prod,
 * service payments-api). No emulator, no network: each invocation takes milliseconds.
 */
final class InProcessFunctions implements AutoCloseable {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-02T09:00:00Z"), ZoneOffset.UTC);
    static final String CLUSTER_ARN = TaskSnapshotFixture.CLUSTER_ARN;
    static final Subject SERVICE = Subject.service(CLUSTER_ARN, TaskSnapshotFixture.SERVICE);
    private static final ObjectMapper JSON = new ObjectMapper();

    final InMemoryFindingsPort findings = new InMemoryFindingsPort(true, CLOCK);
    final FakeEcs ecs = new FakeEcs();
    /** Whether an invoked task event's task is put into ECS first; false for events of tasks ECS does not have. */
    boolean ecsKnowsEventTasks = true;
    /** How every task (and the next task of the service) looks: changed to break or fix them. */
    UnaryOperator<TaskSnapshotFixture> shape = UnaryOperator.identity();
    /** The services whose evaluation finished; the clock stands still, so each is inside any debounce window. */
    final Set<Subject> claimed = ConcurrentHashMap.newKeySet();
    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    final FunctionComponents components;

    InProcessFunctions() {
        PrintStream out = new PrintStream(logBytes, true, StandardCharsets.UTF_8);
        CheckerConfig config = CheckerConfig.fromEnvironment(Map.of("AWS_REGION", TaskSnapshotFixture.REGION));
        TaskEvaluation evaluation = new TaskEvaluation(this::snapshotOf, new CheckEngine(CheckRegistry.all(), CLOCK), findings, ecs,
                new InMemoryTaskEventVersions());
        TaskBatchEvaluation batch = new TaskBatchEvaluation(ecs, evaluation, executor);
        ServiceEvaluation service = new ServiceEvaluation(ecs, this::snapshotOf, ServiceCheckRegistry.all(), findings, CLOCK);
        this.components = new FunctionComponents(config, ecs, evaluation, batch, service,
                new ServiceEvaluationClaims() {
                    @Override
                    public boolean evaluatedWithin(Subject subject, java.time.Duration window) {
                        return claimed.contains(subject) && !window.isZero();
                    }

                    @Override
                    public void evaluated(Subject subject) {
                        claimed.add(subject);
                    }
                },
                new ReadCache(), JsonLog.create(out, "INFO", CLOCK), new AwsCallRecorder(),
                new ClusterSweep(ecs, batch, findings), CLOCK, new ClaimOwner(), ImportRetryBudget.unlimited());
    }

    /** A task of service payments-api in cluster prod, of the PRIMARY deployment unless said otherwise. */
    static EcsTask task(String taskId, long version, String lastStatus) {
        return TaskSnapshotFixture.runningFargateTask().withTaskId(taskId).withVersion(version).withLastStatus(lastStatus).build().task();
    }

    /** The ECS Task State Change event EventBridge delivers for the task. */
    static String taskEvent(EcsTask task) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("taskArn", task.taskArn());
        detail.put("clusterArn", task.clusterArn());
        detail.put("taskDefinitionArn", task.taskDefinitionArn());
        detail.put("group", task.group());
        detail.put("startedBy", task.startedBy());
        detail.put("lastStatus", task.lastStatus());
        detail.put("desiredStatus", task.lastStatus());
        detail.put("launchType", task.launchType());
        detail.put("platformVersion", task.platformVersion());
        detail.put("enableExecuteCommand", task.enableExecuteCommand());
        detail.put("version", task.version());
        return event("ECS Task State Change", "aws.ecs", List.of(task.taskArn()), detail);
    }

    static String event(String detailType, String source, List<String> resources, Map<String, Object> detail) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "0");
        event.put("id", "event-" + Math.abs((detailType + resources + detail).hashCode()));
        event.put("detail-type", detailType);
        event.put("source", source);
        event.put("account", TaskSnapshotFixture.ACCOUNT);
        event.put("time", "2026-11-02T09:00:00Z");
        event.put("region", TaskSnapshotFixture.REGION);
        event.put("resources", resources);
        event.put("detail", detail);
        try {
            return JSON.writeValueAsString(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Invokes the handler as the runtime would, and returns its response. */
    JsonNode invoke(RequestStreamHandler handler, String payload) {
        if (ecsKnowsEventTasks && new TaskStateChangeParser().parse(payload.getBytes(StandardCharsets.UTF_8))
                instanceof TaskStateChangeParser.Accepted accepted) {
            // As in AWS, ECS knows the task an event is sent for (and says what the event said).
            ecs.put(accepted.task());
        }
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(payload.getBytes(StandardCharsets.UTF_8)), response, new RequestContext());
            return JSON.readTree(response.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every line the functions logged, parsed, oldest first; the metric lines included. */
    List<JsonNode> logLines() {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : logBytes.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                try {
                    lines.add(JSON.readTree(line));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return lines;
    }

    /** The last line with a {@code message}, which is the invocation's one INFO or WARN line. */
    JsonNode lastLogLine() {
        List<JsonNode> lines = logLines().stream().filter(line -> line.has("message")).toList();
        return lines.getLast();
    }

    /** The last embedded-metric line. */
    JsonNode lastMetricLine() {
        return logLines().stream().filter(line -> line.has("_aws")).reduce((first, second) -> second).orElseThrow();
    }

    private TaskSnapshot snapshotOf(EvaluatedTask target) {
        EcsTask task = target.task();
        TaskSnapshotFixture fixture = TaskSnapshotFixture.runningFargateTask()
                .withTaskId(target instanceof RunningTask ? task.taskId() : TaskSnapshotFixture.TASK_ID)
                .withVersion(task.version()).withStartedBy(task.startedBy()).withLastStatus(task.lastStatus());
        if (!("service:" + TaskSnapshotFixture.SERVICE).equals(task.group())) {
            fixture = fixture.withGroup(task.group());
        }
        TaskSnapshot built = shape.apply(fixture).build();
        return switch (target) {
            case RunningTask running -> built;
            case NextTaskOf next -> new TaskSnapshot(next, built.taskDefinition(), built.owningService(), built.cluster(), built.taskRole(),
                    built.taskRoleSsmMessages(), built.execAccess(), built.containerInstance(), built.networkPath());
        };
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    /** ECS as a test sets it up: tasks by ARN, services by name; every other read fails the test. */
    static final class FakeEcs extends EcsGatewayDouble {
        final Map<String, EcsTask> tasks = new ConcurrentHashMap<>();
        final Map<String, EcsService> services = new ConcurrentHashMap<>();
        /** Whether ecs:ListTasks fails, as a throttled or denied read does. */
        volatile boolean listingFails;

        void put(EcsTask task) {
            tasks.put(task.taskArn(), task);
        }

        @Override
        public Fetched<EcsCluster> describeCluster(String cluster) {
            return Fetched.present(new EcsCluster(CLUSTER_ARN, null, null, Map.of()));
        }

        @Override
        public Fetched<EcsService> describeService(String cluster, String serviceName) {
            EcsService service = services.get(serviceName);
            return service == null ? Fetched.absent("service " + serviceName + " does not exist") : Fetched.present(service);
        }

        @Override
        public Map<String, Fetched<EcsTask>> describeTasks(String cluster, List<String> ids) {
            Map<String, Fetched<EcsTask>> described = new LinkedHashMap<>();
            for (String id : ids) {
                EcsTask task = tasks.values().stream().filter(t -> t.taskArn().equals(id) || t.taskId().equals(id)).findFirst().orElse(null);
                described.put(id, task == null ? Fetched.absent("task " + id + " is missing") : Fetched.present(task));
            }
            return described;
        }

        @Override
        public Fetched<List<String>> listTasks(String cluster, TaskListQuery query) {
            if (listingFails) {
                return Fetched.failed(ReadFailures.throttled("ecs:ListTasks"));
            }
            return Fetched.present(tasks.values().stream()
                    .filter(task -> !"STOPPED".equals(task.lastStatus()))
                    .filter(task -> query.startedBy() == null || query.startedBy().equals(task.startedBy()))
                    .filter(task -> query.serviceName() == null || ("service:" + query.serviceName()).equals(task.group()))
                    .filter(task -> query.family() == null || task.taskDefinitionArn().contains("/" + query.family() + ":"))
                    .map(EcsTask::taskArn)
                    .sorted()
                    .toList());
        }
    }

    /** A Lambda context for an in-process invocation. */
    static Context context() {
        return new RequestContext();
    }

    /** The Lambda context of an in-process invocation: a request id, nothing else. */
    private static final class RequestContext implements Context {
        @Override
        public String getAwsRequestId() {
            return "in-process-request";
        }

        @Override
        public String getLogGroupName() {
            return "in-process";
        }

        @Override
        public String getLogStreamName() {
            return "in-process";
        }

        @Override
        public String getFunctionName() {
            return "in-process";
        }

        @Override
        public String getFunctionVersion() {
            return "$LATEST";
        }

        @Override
        public String getInvokedFunctionArn() {
            return "arn:aws:lambda:" + TaskSnapshotFixture.REGION + ":" + TaskSnapshotFixture.ACCOUNT + ":function:in-process";
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getRemainingTimeInMillis() {
            return (int) Duration.ofMinutes(1).toMillis();
        }

        @Override
        public int getMemoryLimitInMB() {
            return 1024;
        }

        @Override
        public LambdaLogger getLogger() {
            return null;
        }
    }
}
