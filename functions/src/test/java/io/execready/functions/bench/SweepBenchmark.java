package io.execready.functions.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.execready.functions.local.DemoScenario;
import io.execready.functions.local.LocalCheckerRun;
import io.execready.functions.local.Progress;
import io.execready.harness.Invocation;
import io.execready.harness.LambdaFunction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.LaunchType;

/**
 * Measures the sweep of one cluster as Lambda runs it: the demo cluster seeded with N running tasks
 * split between a ready and a broken service, swept twice by {@code SweepClusterFunction} (first
 * sweep: every finding is new; second: nothing changed). Prints the AWS calls by operation and the
 * wall time the function reports; asserts nothing. Run with {@code scripts/bench sweep [N]}.
 */
public final class SweepBenchmark {

    private static final String WORKER = "io.execready.functions.SweepClusterFunction::handleRequest";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int DEFAULT_TASKS = 200;
    /** RunTask starts at most 10 tasks per call. */
    private static final int RUN_TASK_BATCH = 10;

    private SweepBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int tasks = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_TASKS;
        String classpath = System.getProperty("java.class.path");
        try (LocalCheckerRun run = LocalCheckerRun.start(classpath, Progress.printingTo(System.err))) {
            long seeding = System.nanoTime();
            for (String service : new String[] {DemoScenario.READY_SERVICE, DemoScenario.BROKEN_SERVICE}) {
                runTasks(run, service, tasks / 2);
            }
            System.out.printf("seeded %d tasks in %d ms%n", tasks, (System.nanoTime() - seeding) / 1_000_000);
            try (LambdaFunction worker = LambdaFunction.start(WORKER, classpath, run.functionEnvironment())) {
                System.out.println();
                System.out.printf("SweepClusterFunction, one cluster of %d running tasks (2 services), local moto emulator%n", tasks);
                for (String sweep : new String[] {"first sweep (every finding new)", "second sweep (nothing changed)"}) {
                    Invocation invocation = worker.invoke(sweepEvent(), Duration.ofMinutes(10));
                    if (!invocation.succeeded()) {
                        throw new IllegalStateException("sweep failed: " + invocation.errorType() + " " + invocation.errorMessage());
                    }
                    JsonNode line = sweptLine(invocation);
                    Map<String, Long> calls = new TreeMap<>();
                    line.get("awsCalls").properties().forEach(e -> calls.put(e.getKey(), e.getValue().asLong()));
                    System.out.printf("  %s: %d tasks evaluated, %d ms in the handler, %d ms invocation, %d AWS calls%n", sweep,
                            line.get("tasksEvaluated").asInt(), line.get("durationMillis").asLong(),
                            invocation.duration().toMillis(), line.get("awsCallCount").asLong());
                    calls.forEach((operation, count) -> System.out.printf("    %-40s %6d%n", operation, count));
                }
            }
        }
    }

    /** The sweep queue's message for the demo cluster, as Lambda's SQS poller delivers it. */
    static String sweepEvent() {
        return """
                {"Records":[{"messageId":"bench","body":"{\\"cluster\\":\\"%s\\"}","attributes":{"ApproximateReceiveCount":"1"},
                "eventSource":"aws:sqs"}]}""".formatted(DemoScenario.CLUSTER_ARN);
    }

    /** Starts {@code count} Fargate tasks of the demo service in the emulator, as its PRIMARY deployment would; returns their ARNs. */
    static List<String> runTasks(LocalCheckerRun run, String service, int count) {
        Region region = Region.of(run.aws().region());
        List<String> arns = new ArrayList<>();
        String primary = primaryDeployment(run, service);
        try (EcsClient ecs = EcsClient.builder().region(region).build()) {
            for (int started = 0; started < count; started += RUN_TASK_BATCH) {
                int batch = Math.min(RUN_TASK_BATCH, count - started);
                ecs.runTask(r -> r.cluster(DemoScenario.CLUSTER).taskDefinition(service).group("service:" + service)
                                .startedBy(primary).launchType(LaunchType.FARGATE).enableExecuteCommand(true).count(batch)
                                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(run.seeded().network().privateSubnetId())
                                        .securityGroups(run.seeded().network().taskSecurityGroupId()).assignPublicIp(AssignPublicIp.DISABLED))))
                        .tasks().forEach(task -> arns.add(task.taskArn()));
            }
        }
        return arns;
    }

    /** The id of the demo service's PRIMARY deployment, which starts its tasks. */
    static String primaryDeployment(LocalCheckerRun run, String service) {
        try (EcsClient ecs = EcsClient.builder().region(Region.of(run.aws().region())).build()) {
            return ecs.describeServices(r -> r.cluster(DemoScenario.CLUSTER).services(service)).services().getFirst()
                    .deployments().stream().filter(d -> "PRIMARY".equals(d.status())).findFirst().orElseThrow().id();
        }
    }

    /** How many tasks run in the demo cluster now. */
    static int runningTasks(LocalCheckerRun run) {
        try (EcsClient ecs = EcsClient.builder().region(Region.of(run.aws().region())).build()) {
            return ecs.listTasksPaginator(r -> r.cluster(DemoScenario.CLUSTER).desiredStatus(DesiredStatus.RUNNING))
                    .taskArns().stream().mapToInt(arn -> 1).sum();
        }
    }

    static JsonNode sweptLine(Invocation invocation) throws Exception {
        for (String line : invocation.logLines()) {
            if (line.startsWith("{") && line.contains("\"SWEPT\"")) {
                return JSON.readTree(line);
            }
        }
        throw new IllegalStateException("no SWEPT line in " + invocation.logLines());
    }
}
