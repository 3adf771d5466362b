package io.execready.functions;

import io.execready.functions.events.EventBridgeEnvelopes;
import io.execready.logging.JsonLog;
import io.execready.logging.Metrics;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An outcome as it leaves a function: the response the invoker gets, the structured log lines
 * (one per invocation, one per message for a queue batch), and the embedded-metric counts.
 *
 * @param response what the invocation returns, written as JSON
 * @param lines    the log lines, in order
 * @param metrics  the invocation's counts; no metric line is written when there are none
 */
record Rendered(Object response, List<LogLine> lines, Metrics metrics) {

    enum Level { INFO, WARN, ERROR }

    record LogLine(Level level, String message, Map<String, Object> fields) {
        LogLine {
            Objects.requireNonNull(level, "level");
            Objects.requireNonNull(message, "message");
            fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }
    }

    Rendered {
        Objects.requireNonNull(response, "response");
        lines = List.copyOf(lines);
        Objects.requireNonNull(metrics, "metrics");
    }

    /** Writes the log lines and the metric line to the log, and the response to the invoker. */
    void writeTo(JsonLog log, OutputStream output) throws IOException {
        for (LogLine line : lines) {
            switch (line.level()) {
                case INFO -> log.info(line.message(), line.fields());
                case WARN -> log.warn(line.message(), line.fields());
                case ERROR -> log.error(line.message(), line.fields());
            }
        }
        if (!metrics.isEmpty()) {
            log.metrics(metrics);
        }
        EventBridgeEnvelopes.MAPPER.writeValue(output, response);
    }
}
