package io.execready.logging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One JSON object per line on standard output, which Lambda ships to CloudWatch Logs as is and
 * Logs Insights can query by field. Small on purpose: no logging framework on the cold-start path.
 * Callers pass facts as fields; they never pass secrets or whole environment maps.
 */
public final class JsonLog {

    private static final List<String> LEVELS = List.of("DEBUG", "INFO", "WARN", "ERROR");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final PrintStream out;
    private final Clock clock;
    private final int threshold;
    private final Map<String, Object> context;

    private JsonLog(PrintStream out, Clock clock, int threshold, Map<String, Object> context) {
        this.out = out;
        this.clock = clock;
        this.threshold = threshold;
        this.context = context;
    }

    /** A log writing to {@code out} at {@code level} (DEBUG, INFO, WARN or ERROR) and above. */
    public static JsonLog create(PrintStream out, String level, Clock clock) {
        int index = LEVELS.indexOf(Objects.requireNonNull(level, "level"));
        if (index < 0) {
            throw new IllegalArgumentException("unknown log level " + level);
        }
        return new JsonLog(out, clock, index, Map.of());
    }

    /** A log that adds {@code key} to every line, such as the Lambda request id. */
    public JsonLog with(String key, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(context);
        more.put(key, value);
        return new JsonLog(out, clock, threshold, more);
    }

    public boolean isDebugEnabled() {
        return threshold == 0;
    }

    public void debug(String message, Map<String, ?> fields) {
        write(0, message, fields);
    }

    public void info(String message, Map<String, ?> fields) {
        write(1, message, fields);
    }

    public void warn(String message, Map<String, ?> fields) {
        write(2, message, fields);
    }

    public void error(String message, Map<String, ?> fields) {
        write(3, message, fields);
    }

    /**
     * Writes one embedded-metric-format line, which CloudWatch turns into metrics without an API
     * call. Never filtered here, and written at this log's own threshold, which is the function's
     * application log level: Lambda's filter keeps a line at that level, so metrics survive a
     * function set to WARN or ERROR (a line with no level would count as INFO and be dropped).
     */
    public void metrics(Metrics metrics) {
        String line = metrics.line(clock, LEVELS.get(threshold));
        synchronized (out) {
            out.println(line);
        }
    }

    private void write(int level, String message, Map<String, ?> fields) {
        if (level < threshold) {
            return;
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("timestamp", clock.instant().toString());
        line.put("level", LEVELS.get(level));
        line.put("message", message);
        line.putAll(context);
        line.putAll(fields);
        String json;
        try {
            json = MAPPER.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            // Only a field value Jackson cannot write gets here; keep the message, drop the fields.
            json = "{\"level\":\"ERROR\",\"message\":\"a log line's fields could not be serialized ("
                    + e.getOriginalMessage().replaceAll("[\"\\\\]", "'") + ")\"}";
        }
        synchronized (out) {
            out.println(json);
        }
    }
}
