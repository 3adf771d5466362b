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
import org.junit.jupiter.api.Test;

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
}
