package io.execready.functions.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.execready.functions.local.DemoScenario;
import io.execready.functions.local.LocalCheckerRun;
import io.execready.functions.local.Progress;
import io.execready.harness.Invocation;
import io.execready.harness.LambdaFunction;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The whole performance table in one run ({@code scripts/bench}): the task-event function run as
 * Lambda runs it (the runtime interface client against a local Runtime API, the local emulator
 * behind it) for cold starts without and with priming during init, the first invocation after
 * each, warm invocations, peak memory and the AWS calls per evaluation; then a 1,000-task
 * deployment of one service through the same function, and a sweep of a 2,000-task cluster with
 * its per-task cost extrapolated to 10,000. Each section notes the machine's load. Prints figures;
 * asserts nothing.
 *
 * <p>The function runs on {@code -Dexecready.bench.functionClasspath} when the script passes it
 * (the shipped handlers and libraries jars plus the runtime client, as Lambda's classpath holds them), else on this
 * JVM's test classpath, whose many jars make class loading slower than Lambda's.
 */
public final class BenchmarkTable {

    private static final String TASK_HANDLER = "io.execready.functions.TaskStateChangeFunction::handleRequest";
    private static final String SWEEP_HANDLER = "io.execready.functions.SweepClusterFunction::handleRequest";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int COLD_STARTS = 3;
    private static final int WARM_INVOCATIONS = 100;
    private static final int DEPLOYMENT_TASKS = 1000;
    private static final int SWEEP_TASKS = 2000;
    private static final int EXTRAPOLATED_TASKS = 10_000;
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    /** What Lambda's java21 runtime keeps on its own classpath beside the function's code. */
    private static final List<String> RUNTIME_JARS = List.of("aws-lambda-java-runtime-interface-client", "aws-lambda-java-serialization");

    private final LocalCheckerRun run;
    private final String functionClasspath;
    private final PrintStream progress = System.err;
    private final List<String> table = new ArrayList<>();

    private BenchmarkTable(LocalCheckerRun run, String functionClasspath) {
        this.run = run;
        this.functionClasspath = functionClasspath;
    }

    public static void main(String[] args) throws Exception {
        String testClasspath = System.getProperty("java.class.path");
        String functionClasspath = functionClasspath(testClasspath);
        long started = System.nanoTime();
        try (LocalCheckerRun run = LocalCheckerRun.start(testClasspath, Progress.printingTo(System.err))) {
            BenchmarkTable bench = new BenchmarkTable(run, functionClasspath);
            bench.row("machine", Machine.describe());
            bench.row("function classpath", functionClasspath.equals(testClasspath)
                    ? "the test classpath (no shipped jars given: slower class loading than Lambda's)"
                    : Arrays.stream(functionClasspath.split(File.pathSeparator)).map(p -> Path.of(p).getFileName().toString())
                            .collect(Collectors.joining(" + ")));
            if (args.length > 0 && args[0].equals("cold")) {
                bench.coldStartSection();
                return;
            }
            bench.coldAndWarm();
            bench.deployment();
            bench.sweep();
            bench.row("whole run", seconds(System.nanoTime() - started) + ", load at the end " + Machine.load());
        }
    }

    private void coldAndWarm() throws IOException {
        coldStartSection();
        Sample sample = new Sample(run, "task-running-exec-ready.json");
        String task = sample.newTask();
        List<Long> warm = new ArrayList<>();
        Map<String, Long> firstCalls;
        Map<String, Long> repeatCalls;
        long peakAfterWarm;
        try (LambdaFunction function = LambdaFunction.start(TASK_HANDLER, functionClasspath, run.functionEnvironment())) {
            firstCalls = awsCalls(succeeded(function.invoke(sample.event(task, 1), TIMEOUT)));
            repeatCalls = awsCalls(succeeded(function.invoke(sample.event(task, 2), TIMEOUT)));
            for (int i = 0; i < WARM_INVOCATIONS; i++) {
                warm.add(succeeded(function.invoke(sample.event(task, 3 + i), TIMEOUT)).duration().toMillis());
                if ((i + 1) % 25 == 0) {
                    progress.printf("[bench] warm invocations: %d of %d%n", i + 1, WARM_INVOCATIONS);
                }
            }
            peakAfterWarm = peakRssMib(function.pid()).orElse(-1L);
        }
        section("Warm invocation, one task re-evaluated with each new event version (" + WARM_INVOCATIONS + " runs, load " + Machine.load() + ")");
        row("warm invocation", "median " + percentile(warm, 50) + " ms, p99 " + percentile(warm, 99) + " ms, min "
                + Collections.min(warm) + " ms, max " + Collections.max(warm) + " ms");
        row("peak RSS after the warm runs (VmHWM)", peakAfterWarm < 0 ? "n/a (no /proc)" : peakAfterWarm + " MiB");
        section("AWS calls per evaluation of the ready service (the function's awsCalls log field)");
        row("a new task of the service, evaluated before", callSummary(firstCalls));
        row("the same task again (next event version)", callSummary(repeatCalls));
    }

    /** {@code scripts/bench cold}: the cold start section alone, for a quick look at init and the first invocation. */
    private void coldStartSection() throws IOException {
        Sample sample = new Sample(run, "task-running-exec-ready.json");
        ColdStarts plain = coldStarts("without priming", Map.of(), sample);
        ColdStarts primed = coldStarts("with priming in init (PRIME_ON_INIT=true)", Map.of("PRIME_ON_INIT", "true"), sample);
        section("Cold start, TaskStateChangeFunction (" + COLD_STARTS + " runs each, load " + Machine.load() + ")");
        plain.report();
        primed.report();
    }

    private ColdStarts coldStarts(String label, Map<String, String> extraEnvironment, Sample sample) throws IOException {
        ColdStarts starts = new ColdStarts(label);
        Map<String, String> environment = new LinkedHashMap<>(run.functionEnvironment());
        environment.putAll(extraEnvironment);
        for (int i = 0; i < COLD_STARTS; i++) {
            String event = sample.event(sample.newTask(), 1);
            try (LambdaFunction function = LambdaFunction.start(TASK_HANDLER, functionClasspath, environment)) {
                Invocation first = succeeded(function.invoke(event, TIMEOUT));
                starts.init.add(first.initDuration().toMillis());
                starts.first.add(first.duration().toMillis());
                peakRssMib(function.pid()).ifPresent(starts.peakRss::add);
                // The same work once the environment has served an event: what the first one costs beyond it.
                starts.second.add(succeeded(function.invoke(sample.event(sample.newTask(), 1), TIMEOUT)).duration().toMillis());
                progress.printf("[bench] cold start %s, %d of %d: init %d ms, first invocation %d ms (load %s)%n", label, i + 1,
                        COLD_STARTS, first.initDuration().toMillis(), first.duration().toMillis(), Machine.load());
            }
        }
        return starts;
    }

    /** 1,000 RUNNING events of tasks of one broken service, through one warm function instance. */
    private void deployment() throws IOException {
        Sample sample = new Sample(run, "task-running-not-ready.json");
        long seeding = System.nanoTime();
        List<String> taskIds = SweepBenchmark.runTasks(run, DemoScenario.BROKEN_SERVICE, DEPLOYMENT_TASKS).stream()
                .map(arn -> arn.substring(arn.lastIndexOf('/') + 1)).toList();
        String primary = SweepBenchmark.primaryDeployment(run, DemoScenario.BROKEN_SERVICE);
        progress.printf("[bench] deployment: %d tasks of %s running in the emulator in %s%n", taskIds.size(),
                DemoScenario.BROKEN_SERVICE, seconds(System.nanoTime() - seeding));
        Map<String, Long> calls = new TreeMap<>();
        Map<String, Long> firstOfSubject = Map.of();
        Map<String, Long> repeatOfSubject = Map.of();
        List<Long> durations = new ArrayList<>();
        long started = System.nanoTime();
        try (LambdaFunction function = LambdaFunction.start(TASK_HANDLER, functionClasspath, run.functionEnvironment())) {
            for (int i = 0; i < taskIds.size(); i++) {
                Invocation invocation = succeeded(function.invoke(sample.eventOfRunningTask(taskIds.get(i), 1, primary), TIMEOUT));
                durations.add(invocation.duration().toMillis());
                Map<String, Long> made = awsCalls(invocation);
                if (i == 0) {
                    firstOfSubject = made;
                } else if (i == 1) {
                    repeatOfSubject = made;
                }
                made.forEach((operation, count) -> calls.merge(operation, count, Long::sum));
                if ((i + 1) % 200 == 0) {
                    progress.printf("[bench] deployment: %d of %d task events (load %s)%n", i + 1, taskIds.size(), Machine.load());
                }
            }
        }
        long dynamoDb = dynamoDbRequests(calls);
        section("Deployment of " + taskIds.size() + " tasks of one broken service, one event each through one function instance (load "
                + Machine.load() + ")");
        row("DynamoDB requests", dynamoDb + " (" + perTask(dynamoDb, taskIds.size()) + " per task)");
        row("AWS calls", total(calls) + " (" + perTask(total(calls), taskIds.size()) + " per task)");
        row("Security Hub BatchImportFindings / SNS Publish", count(calls, "securityhub:batchimportfindings") + " / "
                + count(calls, "sns:publish"));
        row("invocation", "median " + percentile(durations, 50) + " ms, p99 " + percentile(durations, 99) + " ms; all "
                + seconds(System.nanoTime() - started));
        row("calls by operation", calls.toString());
        section("AWS calls per evaluation of the broken service (the function's awsCalls log field)");
        row("first evaluation (the service never evaluated: every finding new)", callSummary(firstOfSubject));
        row("next task of the same service (nothing changed)", callSummary(repeatOfSubject));
    }

    /** The cluster brought to 2,000 running tasks and swept twice; the per-task cost scaled to 10,000. */
    private void sweep() throws Exception {
        int running = SweepBenchmark.runningTasks(run);
        long seeding = System.nanoTime();
        if (running < SWEEP_TASKS) {
            SweepBenchmark.runTasks(run, DemoScenario.READY_SERVICE, SWEEP_TASKS - running);
        }
        progress.printf("[bench] sweep: cluster brought to %d running tasks in %s%n", SweepBenchmark.runningTasks(run),
                seconds(System.nanoTime() - seeding));
        section("Sweep of one cluster of about " + SWEEP_TASKS + " tasks (SweepClusterFunction), extrapolated to " + EXTRAPOLATED_TASKS);
        try (LambdaFunction worker = LambdaFunction.start(SWEEP_HANDLER, functionClasspath, run.functionEnvironment())) {
            for (String sweep : List.of("first sweep (after the events above)", "second sweep (nothing changed)")) {
                Invocation invocation = worker.invoke(SweepBenchmark.sweepEvent(), Duration.ofMinutes(10));
                if (!invocation.succeeded()) {
                    throw new IllegalStateException("sweep failed: " + invocation.errorType() + " " + invocation.errorMessage());
                }
                JsonNode line = SweepBenchmark.sweptLine(invocation);
                int tasks = line.get("tasksEvaluated").asInt();
                long handlerMillis = line.get("durationMillis").asLong();
                Map<String, Long> calls = new TreeMap<>();
                line.get("awsCalls").properties().forEach(e -> calls.put(e.getKey(), e.getValue().asLong()));
                long dynamoDb = dynamoDbRequests(calls);
                double scale = EXTRAPOLATED_TASKS / (double) Math.max(1, tasks);
                row(sweep + ", measured", tasks + " tasks, " + handlerMillis + " ms in the handler, " + total(calls)
                        + " AWS calls (" + dynamoDb + " DynamoDB), load " + Machine.load());
                row(sweep + ", per task", String.format(Locale.ROOT, "%.2f ms, %s AWS calls, %s DynamoDB requests",
                        handlerMillis / (double) Math.max(1, tasks), perTask(total(calls), tasks), perTask(dynamoDb, tasks)));
                row(sweep + ", extrapolated to " + EXTRAPOLATED_TASKS, String.format(Locale.ROOT,
                        "%.0f s in the handler at this machine's pace, %d AWS calls (%d DynamoDB)",
                        handlerMillis * scale / 1000.0, Math.round(total(calls) * scale), Math.round(dynamoDb * scale)));
                progress.printf("[bench] %s: %d tasks in %d ms%n", sweep, tasks, handlerMillis);
            }
        }
    }

    private void section(String title) {
        System.out.println();
        System.out.println("## " + title);
    }

    private void row(String what, String value) {
        String line = String.format("  %-50s %s", what + ":", value);
        System.out.println(line);
        table.add(line);
    }

    /** The cold starts of one kind: init (process start to first Runtime API poll), first invocation, peak memory. */
    private final class ColdStarts {
        private final String label;
        private final List<Long> init = new ArrayList<>();
        private final List<Long> first = new ArrayList<>();
        private final List<Long> second = new ArrayList<>();
        private final List<Long> peakRss = new ArrayList<>();

        ColdStarts(String label) {
            this.label = label;
        }

        void report() {
            row("init " + label, range(init, "ms"));
            row("first invocation after it", range(first, "ms"));
            row("then a new task's event in the same environment", range(second, "ms"));
            row("peak RSS after the first invocation (VmHWM)", peakRss.isEmpty() ? "n/a (no /proc)" : range(peakRss, "MiB"));
        }
    }

    /** A sample event from events/, re-addressed to other tasks of its service and other versions. */
    private static final class Sample {
        private final LocalCheckerRun run;
        private final String json;
        private final String taskId;
        private int created;

        Sample(LocalCheckerRun run, String file) throws IOException {
            this.run = run;
            this.json = Files.readString(LocalCheckerRun.eventsDirectory().resolve(file));
            String taskArn = JSON.readTree(json).path("detail").path("taskArn").asText();
            this.taskId = taskArn.substring(taskArn.lastIndexOf('/') + 1);
        }

        /** A new task id of the sample's service; {@link #event} runs it in the emulator when first delivered. */
        String newTask() {
            created++;
            return String.format("%08x", created) + UUID.randomUUID().toString().replace("-", "").substring(8);
        }

        /** The sample's event for the given task and event version, as ECS would send it here (the task is run in the emulator). */
        String event(String task, long version) throws IOException {
            return run.asDeliveredHere(JSON.writeValueAsString(addressed(task, version)));
        }

        /** The same for a task that already runs in the emulator, started by the given deployment: no emulator call. */
        String eventOfRunningTask(String task, long version, String startedBy) throws IOException {
            ObjectNode event = addressed(task, version);
            ((ObjectNode) event.get("detail")).put("startedBy", startedBy);
            return JSON.writeValueAsString(event);
        }

        private ObjectNode addressed(String task, long version) throws IOException {
            ObjectNode event = (ObjectNode) JSON.readTree(json.replace(taskId, task));
            event.put("id", UUID.randomUUID().toString());
            ((ObjectNode) event.get("detail")).put("version", version);
            return event;
        }
    }

    /** The machine the figures were taken on: processors, memory, and its load now. */
    private static final class Machine {
        static String describe() throws IOException {
            String memory = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:"))
                    .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024 / 1024 + " GiB").findFirst().orElse("?");
            return Runtime.getRuntime().availableProcessors() + " processors, " + memory + " memory, load average " + load()
                    + ", Java " + Runtime.version() + ", " + LocalDate.now(ZoneOffset.UTC);
        }

        static String load() {
            try {
                String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
                return fields[0] + " " + fields[1] + " " + fields[2];
            } catch (IOException e) {
                return "n/a";
            }
        }
    }

    private static String functionClasspath(String testClasspath) {
        String shipped = System.getProperty("execready.bench.functionClasspath", "").trim();
        List<String> jars = shipped.isEmpty() ? List.of() : List.of(shipped.split(File.pathSeparator));
        if (jars.isEmpty() || !jars.stream().allMatch(jar -> Files.isRegularFile(Path.of(jar)))) {
            return testClasspath;
        }
        List<String> entries = new ArrayList<>(jars);
        for (String entry : testClasspath.split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName() == null ? "" : Path.of(entry).getFileName().toString();
            if (RUNTIME_JARS.stream().anyMatch(name::startsWith)) {
                entries.add(entry);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static Invocation succeeded(Invocation invocation) {
        if (!invocation.succeeded()) {
            throw new IllegalStateException("invocation failed: " + invocation.errorType() + " " + invocation.errorMessage()
                    + "\n" + String.join("\n", invocation.logLines()));
        }
        return invocation;
    }

    /** The operations the invocation's INFO line counts ({@code awsCalls}). */
    private static Map<String, Long> awsCalls(Invocation invocation) throws IOException {
        for (String line : invocation.logLines()) {
            if (line.startsWith("{") && line.contains("\"awsCalls\"")) {
                Map<String, Long> calls = new TreeMap<>();
                JSON.readTree(line).get("awsCalls").properties().forEach(e -> calls.put(e.getKey(), e.getValue().asLong()));
                return calls;
            }
        }
        throw new IllegalStateException("no awsCalls line in " + invocation.logLines());
    }

    private static long dynamoDbRequests(Map<String, Long> calls) {
        return calls.entrySet().stream().filter(e -> e.getKey().toLowerCase(Locale.ROOT).startsWith("dynamodb:"))
                .mapToLong(Map.Entry::getValue).sum();
    }

    /** The calls of one operation, named case-insensitively ({@code sns:publish}). */
    private static long count(Map<String, Long> calls, String operation) {
        return calls.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(operation)).mapToLong(Map.Entry::getValue).sum();
    }

    private static long total(Map<String, Long> calls) {
        return calls.values().stream().mapToLong(Long::longValue).sum();
    }

    private static String callSummary(Map<String, Long> calls) {
        return total(calls) + " AWS calls, " + dynamoDbRequests(calls) + " of them DynamoDB: " + calls;
    }

    private static String perTask(long count, int tasks) {
        return String.format(Locale.ROOT, "%.2f", count / (double) Math.max(1, tasks));
    }

    /** The process's high-water resident set from /proc, in MiB, where the OS has one. */
    private static Optional<Long> peakRssMib(long pid) throws IOException {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        if (!Files.isReadable(status)) {
            return Optional.empty();
        }
        return Files.readAllLines(status).stream()
                .filter(line -> line.startsWith("VmHWM:"))
                .map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024)
                .findFirst();
    }

    private static String range(List<Long> values, String unit) {
        return "median " + percentile(values, 50) + " " + unit + " (min " + Collections.min(values) + ", max " + Collections.max(values)
                + "; runs " + values + ")";
    }

    private static long percentile(List<Long> values, int percent) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }
}
