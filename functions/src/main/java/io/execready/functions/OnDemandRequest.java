package io.execready.functions;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A request to check now: {@code {"cluster": C, "task": T}}, {@code {"cluster": C, "service": S}} or
 * {@code {"cluster": C}}, names or ARNs, with {@code "publish": true} to also publish findings and
 * alerts (default: report only).
 */
record OnDemandRequest(String cluster, String task, String service, boolean publish) {

    /** The request, or the reasons it is not one. */
    sealed interface Parsed {
    }

    record Valid(OnDemandRequest request) implements Parsed {
    }

    record Invalid(List<String> problems) implements Parsed {
    }

    static Parsed parse(JsonNode json) {
        if (json == null || !json.isObject()) {
            return new Invalid(List.of("the request must be a JSON object such as {\"cluster\": \"prod\", \"task\": \"0123abcd...\"}"));
        }
        List<String> problems = new ArrayList<>();
        String cluster = text(json, "cluster", problems);
        String task = text(json, "task", problems);
        String service = text(json, "service", problems);
        JsonNode publish = json.get("publish");
        if (cluster == null && problems.isEmpty()) {
            problems.add("\"cluster\" is required (a cluster name or ARN)");
        }
        if (task != null && service != null) {
            problems.add("give \"task\" or \"service\", not both");
        }
        if (publish != null && !publish.isBoolean()) {
            problems.add("\"publish\" must be true or false");
        }
        if (!problems.isEmpty()) {
            return new Invalid(problems);
        }
        return new Valid(new OnDemandRequest(cluster, task, service, publish != null && publish.asBoolean()));
    }

    private static String text(JsonNode json, String field, List<String> problems) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            problems.add("\"" + field + "\" must be a non-empty string");
            return null;
        }
        return value.asText().trim();
    }
}
