package io.execready.functions.bench;

import io.execready.functions.local.LocalCheckerRun;
import io.execready.functions.local.Progress;
import io.execready.harness.Invocation;
import io.execready.harness.LambdaFunction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Measures the TaskStateChange function as Lambda runs it, against the local emulator: cold start
 * (process start to first poll of the Runtime API, then the first invocation), warm invocations,
 * and the function process's peak resident memory. Prints figures; asserts nothing, because these
 * machines are shared and timings are noisy. Run with {@code scripts/bench}.
 */
public final class InvocationBenchmark {

    private static final String HANDLER = "io.execready.functions.TaskStateChangeFunction::handleRequest";
    private static final int COLD_STARTS = 5;
    private static final int WARM_INVOCATIONS = 60;
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    private InvocationBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        String classpath = System.getProperty("java.class.path");
        try (LocalCheckerRun run = LocalCheckerRun.start(classpath, Progress.printingTo(System.err))) {
            List<String> events = List.of(
                    Files.readString(LocalCheckerRun.eventsDirectory().resolve("task-running-exec-ready.json")),
                    Files.readString(LocalCheckerRun.eventsDirectory().resolve("task-running-not-ready.json")));

            List<Long> init = new ArrayList<>();
            List<Long> first = new ArrayList<>();
            List<Long> warm = new ArrayList<>();
            List<Long> peakRssMb = new ArrayList<>();
            for (int cold = 0; cold < COLD_STARTS; cold++) {
                try (LambdaFunction function = LambdaFunction.start(HANDLER, classpath, run.functionEnvironment())) {
                    Invocation firstInvocation = succeeded(function.invoke(events.get(cold % 2), TIMEOUT));
                    init.add(firstInvocation.initDuration().toMillis());
                    first.add(firstInvocation.duration().toMillis());
                    if (cold == 0) {
                        for (int i = 0; i < WARM_INVOCATIONS; i++) {
                            warm.add(succeeded(function.invoke(events.get(i % 2), TIMEOUT)).duration().toMillis());
                        }
                    }
                    peakRss(function.pid()).ifPresent(peakRssMb::add);
                }
            }

            System.out.println();
            System.out.println("TaskStateChangeFunction through the Lambda Java runtime interface client, local moto emulator");
            System.out.printf("  cold start, init (process start to first Runtime API poll), %d runs: %s%n", COLD_STARTS, summary(init));
            System.out.printf("  cold start, first invocation (evaluate + publish), %d runs:        %s%n", COLD_STARTS, summary(first));
            System.out.printf("  warm invocation, %d runs:                                         %s%n", WARM_INVOCATIONS, summary(warm));
            System.out.printf("  peak resident memory of the function process (VmHWM), %d runs:    %s%n", peakRssMb.size(),
                    peakRssMb.isEmpty() ? "n/a (no /proc)" : summary(peakRssMb).replace(" ms", " MiB"));
        }
    }

    private static Invocation succeeded(Invocation invocation) {
        if (!invocation.succeeded()) {
            throw new IllegalStateException("invocation failed: " + invocation.errorType() + " " + invocation.errorMessage());
        }
        return invocation;
    }

    /** The process's high-water resident set from /proc, in MiB, where the OS has one. */
    private static Optional<Long> peakRss(long pid) throws IOException {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        if (!Files.isReadable(status)) {
            return Optional.empty();
        }
        return Files.readAllLines(status).stream()
                .filter(line -> line.startsWith("VmHWM:"))
                .map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024)
                .findFirst();
    }

    private static String summary(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return "median %d ms, p90 %d ms, min %d ms, max %d ms".formatted(
                percentile(sorted, 50), percentile(sorted, 90), sorted.getFirst(), sorted.getLast());
    }

    private static long percentile(List<Long> sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
