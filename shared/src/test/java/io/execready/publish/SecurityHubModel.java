package io.execready.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Security Hub's API model (the shapes of botocore's {@code securityhub} service model that our
 * findings use, vendored under {@code src/test/resources/securityhub}), and a validator of ASFF JSON
 * against it: unknown members, missing required members, JSON types, enum values, string patterns
 * and lengths, list and map sizes, number ranges. What the service checks beyond its model (Title
 * 256, Description 1024, ...) is {@link AsffAssertions}' part.
 */
final class SecurityHubModel {

    private static final String RESOURCE = "/securityhub/securityhub-shapes.json";

    private final JsonNode shapes;

    private SecurityHubModel(JsonNode shapes) {
        this.shapes = shapes;
    }

    static SecurityHubModel load() {
        try (InputStream in = SecurityHubModel.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the test classpath");
            }
            return new SecurityHubModel(new ObjectMapper().readTree(in).get("shapes"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every way {@code value} breaks shape {@code shapeName}, each with its JSON path; empty when it is valid. */
    List<String> violations(String shapeName, JsonNode value) {
        List<String> problems = new ArrayList<>();
        check(shapeName, value, "$", problems);
        return problems;
    }

    /** The enum values of a string shape, such as ComplianceStatus. */
    Set<String> enumValues(String shapeName) {
        Set<String> values = new HashSet<>();
        shape(shapeName).path("enum").forEach(v -> values.add(v.asText()));
        return values;
    }

    private JsonNode shape(String name) {
        JsonNode shape = shapes.get(name);
        if (shape == null) {
            throw new IllegalStateException("shape " + name + " is not in the vendored model; run scripts/vendor-securityhub-model.py");
        }
        return shape;
    }

    private void check(String shapeName, JsonNode value, String path, List<String> problems) {
        JsonNode shape = shape(shapeName);
        String type = shape.get("type").asText();
        switch (type) {
            case "structure" -> structure(shapeName, shape, value, path, problems);
            case "list" -> list(shape, value, path, problems);
            case "map" -> map(shape, value, path, problems);
            case "string" -> string(shapeName, shape, value, path, problems);
            case "boolean" -> require(value.isBoolean(), path + " must be a boolean (" + shapeName + ")", problems);
            case "integer", "long" -> {
                require(value.isIntegralNumber(), path + " must be an integer (" + shapeName + ")", problems);
                range(shape, value, path, problems);
            }
            case "double", "float" -> {
                require(value.isNumber(), path + " must be a number (" + shapeName + ")", problems);
                range(shape, value, path, problems);
            }
            case "timestamp" -> require(value.isTextual() || value.isNumber(), path + " must be a timestamp", problems);
            default -> problems.add(path + ": shape " + shapeName + " has type " + type + ", which this validator does not know");
        }
    }

    private void structure(String shapeName, JsonNode shape, JsonNode value, String path, List<String> problems) {
        if (!value.isObject()) {
            problems.add(path + " must be an object (" + shapeName + ")");
            return;
        }
        JsonNode members = shape.get("members");
        shape.path("required").forEach(required -> require(value.hasNonNull(required.asText()),
                path + "." + required.asText() + " is required by " + shapeName, problems));
        for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode member = members.get(field.getKey());
            if (member == null) {
                problems.add(path + "." + field.getKey() + " is not a member of " + shapeName);
            } else if (!field.getValue().isNull()) {
                check(member.get("shape").asText(), field.getValue(), path + "." + field.getKey(), problems);
            }
        }
    }

    private void list(JsonNode shape, JsonNode value, String path, List<String> problems) {
        if (!value.isArray()) {
            problems.add(path + " must be an array");
            return;
        }
        size(shape, value.size(), path, problems);
        String member = shape.get("member").get("shape").asText();
        for (int i = 0; i < value.size(); i++) {
            check(member, value.get(i), path + "[" + i + "]", problems);
        }
    }

    private void map(JsonNode shape, JsonNode value, String path, List<String> problems) {
        if (!value.isObject()) {
            problems.add(path + " must be an object (a map)");
            return;
        }
        size(shape, value.size(), path, problems);
        String key = shape.get("key").get("shape").asText();
        String member = shape.get("value").get("shape").asText();
        for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            check(key, new ObjectMapper().getNodeFactory().textNode(field.getKey()), path + " key " + field.getKey(), problems);
            check(member, field.getValue(), path + "[" + field.getKey() + "]", problems);
        }
    }

    private static void string(String shapeName, JsonNode shape, JsonNode value, String path, List<String> problems) {
        if (!value.isTextual()) {
            problems.add(path + " must be a string (" + shapeName + ")");
            return;
        }
        String text = value.asText();
        if (shape.has("enum")) {
            Set<String> allowed = new HashSet<>();
            shape.get("enum").forEach(v -> allowed.add(v.asText()));
            require(allowed.contains(text), path + " is " + text + ", not one of " + shapeName + " " + allowed, problems);
        }
        if (shape.has("pattern")) {
            require(Pattern.compile(shape.get("pattern").asText(), Pattern.DOTALL).matcher(text).matches(),
                    path + " does not match " + shapeName + "'s pattern " + shape.get("pattern").asText(), problems);
        }
        size(shape, text.codePointCount(0, text.length()), path, problems);
    }

    private static void size(JsonNode shape, int size, String path, List<String> problems) {
        if (shape.has("min")) {
            require(size >= shape.get("min").asLong(), path + " has " + size + ", fewer than the minimum " + shape.get("min"), problems);
        }
        if (shape.has("max")) {
            require(size <= shape.get("max").asLong(), path + " has " + size + ", more than the maximum " + shape.get("max"), problems);
        }
    }

    private static void range(JsonNode shape, JsonNode value, String path, List<String> problems) {
        if (shape.has("min")) {
            require(value.asDouble() >= shape.get("min").asDouble(), path + " is below " + shape.get("min"), problems);
        }
        if (shape.has("max")) {
            require(value.asDouble() <= shape.get("max").asDouble(), path + " is above " + shape.get("max"), problems);
        }
    }

    private static void require(boolean condition, String problem, List<String> problems) {
        if (!condition) {
            problems.add(problem);
        }
    }
}
