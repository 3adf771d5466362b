package io.execready.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A resource policy (a KMS key policy, a VPC endpoint policy, an S3 bucket policy) as its
 * statements. Parsing keeps every element as written; deciding what a statement means is
 * {@link PolicyEvaluator}'s job.
 *
 * @param json       the document as AWS returned it, for evidence
 * @param statements its statements, in order
 */
public record PolicyDocument(String json, List<PolicyStatement> statements) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public PolicyDocument {
        Objects.requireNonNull(json, "json");
        statements = List.copyOf(statements);
    }

    /** The default policy of a VPC endpoint and what "no policy" means for an endpoint: full access. */
    public static PolicyDocument fullAccess() {
        return parse("{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"*\",\"Resource\":\"*\"}]}");
    }

    /** Parses a policy document; a document that is not a policy throws {@link IllegalArgumentException}. */
    public static PolicyDocument parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the policy is not JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject() || !root.has("Statement")) {
            throw new IllegalArgumentException("the policy has no Statement");
        }
        List<PolicyStatement> statements = new ArrayList<>();
        JsonNode list = root.get("Statement");
        int index = 0;
        for (JsonNode statement : list.isArray() ? list : List.of(list)) {
            statements.add(statement(statement, index++));
        }
        return new PolicyDocument(json, statements);
    }

    private static PolicyStatement statement(JsonNode node, int index) {
        String sid = node.hasNonNull("Sid") ? node.get("Sid").asText() : "statement " + (index + 1);
        String effectText = node.path("Effect").asText("");
        PolicyStatement.Effect effect = switch (effectText) {
            case "Allow" -> PolicyStatement.Effect.ALLOW;
            case "Deny" -> PolicyStatement.Effect.DENY;
            default -> throw new IllegalArgumentException(sid + " has the Effect \"" + effectText + "\"");
        };
        return new PolicyStatement(sid, effect,
                principals(node, "Principal"), principals(node, "NotPrincipal"),
                strings(node.get("Action")), strings(node.get("NotAction")),
                strings(node.get("Resource")), strings(node.get("NotResource")),
                conditions(node.get("Condition")));
    }

    /** Principal "*" becomes {"*": ["*"]}; {"AWS": [...], "Service": [...]} keeps its types. Absent: null. */
    private static Map<String, List<String>> principals(JsonNode node, String element) {
        JsonNode principal = node.get(element);
        if (principal == null) {
            return null;
        }
        Map<String, List<String>> byType = new LinkedHashMap<>();
        if (principal.isTextual()) {
            byType.put(principal.asText(), List.of(principal.asText()));
        } else {
            principal.properties().forEach(e -> byType.put(e.getKey(), strings(e.getValue())));
        }
        return byType;
    }

    private static List<String> strings(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        List<String> values = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(v -> values.add(v.asText()));
        } else {
            values.add(node.asText());
        }
        return values;
    }

    private static List<PolicyStatement.Condition> conditions(JsonNode node) {
        List<PolicyStatement.Condition> conditions = new ArrayList<>();
        if (node != null && node.isObject()) {
            node.properties().forEach(operator -> operator.getValue().properties().forEach(key ->
                    conditions.add(new PolicyStatement.Condition(operator.getKey(), key.getKey(), strings(key.getValue())))));
        }
        return conditions;
    }
}
