package io.execready.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MetricsTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T06:00:00Z"), ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void line_isAnEmbeddedMetricFormatDocument_withEveryCountDeclaredAndValued() throws Exception {
        JsonNode line = JSON.readTree(Metrics.forFunction("SweepCluster")
                .count(Metrics.TASKS_EVALUATED, 200)
                .count(Metrics.IMPORT_CALLS, 3)
                .count(Metrics.IMPORT_CALLS, 2)
                .line(CLOCK));

        assertThat(line.at("/_aws/Timestamp").asLong()).isEqualTo(CLOCK.millis());
        JsonNode directive = line.at("/_aws/CloudWatchMetrics/0");
        assertThat(directive.get("Namespace").asText()).isEqualTo("ExecReady");
        assertThat(directive.at("/Dimensions/0/0").asText()).isEqualTo("Function");
        assertThat(directive.get("Metrics")).extracting(m -> m.get("Name").asText()).containsExactly("TasksEvaluated", "ImportCalls");
        assertThat(directive.get("Metrics")).allSatisfy(m -> assertThat(m.get("Unit").asText()).isEqualTo("Count"));
        assertThat(line.get("Function").asText()).isEqualTo("SweepCluster");
        assertThat(line.get("TasksEvaluated").asLong()).isEqualTo(200);
        assertThat(line.get("ImportCalls").asLong()).as("a name counted twice sums").isEqualTo(5);
    }

    @Test
    void emit_withoutCounts_writesNothing_andWithCounts_writesOneLine() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        Metrics.forFunction("Sweep").emit(out, CLOCK);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEmpty();

        Metrics.forFunction("Sweep").count(Metrics.CLUSTERS_DISPATCHED, 4).emit(out, CLOCK);
        assertThat(bytes.toString(StandardCharsets.UTF_8).lines()).hasSize(1).allMatch(l -> l.contains("\"ClustersDispatched\":4"));
    }

    @Test
    void count_beyondTheHundredMetricsEmfAllows_isRefused() {
        Metrics metrics = Metrics.forFunction("Sweep");
        for (int i = 0; i < Metrics.MAX_METRICS; i++) {
            metrics.count("M" + i, 1);
        }
        metrics.count("M0", 1);

        assertThatThrownBy(() -> metrics.count("OneTooMany", 1)).isInstanceOf(IllegalStateException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"DEBUG", "INFO", "WARN", "ERROR"})
    void metrics_atEveryLogLevel_areWrittenAtALevelLambdaKeeps(String functionLevel) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        JsonLog log = JsonLog.create(new PrintStream(bytes, true, StandardCharsets.UTF_8), functionLevel, CLOCK);

        log.debug("details", Map.of());
        log.metrics(Metrics.forFunction("TaskStateChange").count(Metrics.TASKS_EVALUATED, 1));

        List<JsonNode> kept = keptByLambda(bytes.toString(StandardCharsets.UTF_8), functionLevel);
        assertThat(kept).filteredOn(line -> line.has("_aws")).hasSize(1)
                .allSatisfy(line -> assertThat(line.get("TasksEvaluated").asLong()).isEqualTo(1));
        assertThat(kept).filteredOn(line -> !line.has("_aws")).hasSize("DEBUG".equals(functionLevel) ? 1 : 0);
    }

    /** Lambda's application log-level filter: a JSON line's "level" (INFO when missing) at or above the function's level. */
    private static List<JsonNode> keptByLambda(String output, String functionLevel) throws Exception {
        List<String> order = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL");
        List<JsonNode> kept = new ArrayList<>();
        for (String text : output.lines().toList()) {
            JsonNode line = JSON.readTree(text);
            String level = line.has("level") ? line.get("level").asText() : "INFO";
            if (order.indexOf(level) >= order.indexOf(functionLevel)) {
                kept.add(line);
            }
        }
        return kept;
    }
}
