package io.execready.logging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Counts written as one CloudWatch embedded metric format (EMF) log line: CloudWatch Logs turns the
 * line into metrics of namespace {@value #NAMESPACE}, dimension {@code Function}, with no API call
 * and no library. A handler collects its counts and emits them once per invocation.
 *
 * <pre>{@code
 * Metrics.forFunction("SweepCluster").count(Metrics.TASKS_EVALUATED, 200).emit(System.out, clock);
 * }</pre>
 */
public final class Metrics {

    public static final String NAMESPACE = "ExecReady";
    public static final String FUNCTION_DIMENSION = "Function";

    /** Tasks evaluated in the invocation. */
    public static final String TASKS_EVALUATED = "TasksEvaluated";
    /** Subjects (services, groups) found not Exec-ready. */
    public static final String NOT_READY_SUBJECTS = "NotReadySubjects";
    /** Check verdicts that were UNKNOWN: a read was denied or failed. */
    public static final String UNKNOWN_CHECKS = "UnknownChecks";
    /** BatchImportFindings calls made. */
    public static final String IMPORT_CALLS = "ImportCalls";
    /** Subjects whose findings were archived because they are gone. */
    public static final String SUBJECTS_ARCHIVED = "SubjectsArchived";
    /** Clusters handed to the sweep queue. */
    public static final String CLUSTERS_DISPATCHED = "ClustersDispatched";

    /** EMF allows at most 100 metrics in one directive. */
    static final int MAX_METRICS = 100;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String function;
    private final Map<String, Long> counts = new LinkedHashMap<>();

    private Metrics(String function) {
        this.function = Objects.requireNonNull(function, "function");
    }

    /** Metrics with the dimension {@code Function} = {@code function}, such as "SweepCluster". */
    public static Metrics forFunction(String function) {
        return new Metrics(function);
    }

    /** Adds to a count (Unit Count); a name used twice sums. */
    public Metrics count(String name, long value) {
        if (!counts.containsKey(name) && counts.size() == MAX_METRICS) {
            throw new IllegalStateException("EMF allows at most " + MAX_METRICS + " metrics per line");
        }
        counts.merge(name, value, Long::sum);
        return this;
    }

    /** Whether no count was recorded. */
    public boolean isEmpty() {
        return counts.isEmpty();
    }

    /** The EMF line for the counts so far, at INFO. */
    public String line(Clock clock) {
        return line(clock, "INFO");
    }

    /**
     * The EMF line for the counts so far, carrying {@code level}. Lambda's log-level filter reads a
     * JSON line's {@code level} (a line without one counts as INFO), so a line at the function's
     * own threshold is kept whatever the threshold is: see {@link JsonLog#metrics(Metrics)}.
     */
    public String line(Clock clock, String level) {
        List<Map<String, String>> definitions = new ArrayList<>();
        counts.keySet().forEach(name -> definitions.add(Map.of("Name", name, "Unit", "Count")));
        Map<String, Object> directive = new LinkedHashMap<>();
        directive.put("Namespace", NAMESPACE);
        directive.put("Dimensions", List.of(List.of(FUNCTION_DIMENSION)));
        directive.put("Metrics", definitions);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("level", level);
        root.put("_aws", Map.of("Timestamp", clock.millis(), "CloudWatchMetrics", List.of(directive)));
        root.put(FUNCTION_DIMENSION, function);
        root.putAll(counts);
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write metrics as JSON", e);
        }
    }

    /** Writes the line; nothing when no count was recorded. */
    public void emit(PrintStream out, Clock clock) {
        if (!counts.isEmpty()) {
            out.println(line(clock));
        }
    }
}
