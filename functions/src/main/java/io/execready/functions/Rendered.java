package io.execready.functions;

import io.execready.engine.ExecReadyException;
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
 * @param ending   whether the invocation returns the response or fails, so that Lambda retries it
 */
record Rendered(Object response, List<LogLine> lines, Metrics metrics, Ending ending) {

    /** How the invocation ends once its lines are written. */
    sealed interface Ending {
        /** The invoker gets the response. */
        record Respond() implements Ending {
        }

        /**
         * The invocation fails with {@code error}: Lambda retries an asynchronous event and, when its
         * retries run out, sends it to the dead-letter queue.
         */
        record Fail(ExecReadyException error) implements Ending {
            public Fail {
                Objects.requireNonNull(error, "error");
            }
        }
    }

    Rendered(Object response, List<LogLine> lines, Metrics metrics) {
        this(response, lines, metrics, new Ending.Respond());
    }

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
        Objects.requireNonNull(ending, "ending");
    }

    /** The same lines and metrics, then a failed invocation; the line says why it fails. */
    Rendered failing(LogLine why, ExecReadyException error) {
        List<LogLine> more = new java.util.ArrayList<>(lines);
        more.add(why);
        return new Rendered(response, more, metrics, new Ending.Fail(error));
    }

    /** Writes the log lines and the metric line to the log, then the response to the invoker, or fails the invocation. */
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
        switch (ending) {
            case Ending.Respond respond -> EventBridgeEnvelopes.MAPPER.writeValue(output, response);
            case Ending.Fail fail -> throw fail.error();
        }
    }
}
