package io.execready.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One stack's view of a template (read by {@link CloudFormationYaml}): its parameters given or
 * defaulted and checked as CloudFormation checks them (AllowedValues, AllowedPattern, no unknown
 * key), its conditions, and the values its intrinsics resolve to. Only what the tests use:
 * Ref, GetAtt, Sub, If and the condition functions. A resource's Ref or attribute is what the test
 * hands in, else a placeholder naming it; {@code AWS::NoValue} leaves the property out.
 */
final class TemplateEvaluation {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!]+)}");

    private final JsonNode template;
    private final Map<String, JsonNode> parameters = new LinkedHashMap<>();
    private final Map<String, String> pseudo;
    private final Map<String, String> resourceValues;

    /**
     * @param given          parameter values by name; the rest take their defaults
     * @param resourceValues a resource's Ref by logical id, an attribute by "LogicalId.Attribute"
     */
    TemplateEvaluation(JsonNode template, Map<String, String> given, String account, String region, Map<String, String> resourceValues) {
        this.template = template;
        this.pseudo = Map.of("AWS::AccountId", account, "AWS::Region", region, "AWS::Partition", "aws",
                "AWS::URLSuffix", "amazonaws.com", "AWS::StackId", "arn:aws:cloudformation:" + region + ":" + account + ":stack/example/1");
        this.resourceValues = Map.copyOf(resourceValues);
        Set<String> unknown = new HashSet<>(given.keySet());
        template.path("Parameters").properties().forEach(entry -> {
            String name = entry.getKey();
            JsonNode declaration = entry.getValue();
            unknown.remove(name);
            String value = given.containsKey(name) ? given.get(name) : declaration.path("Default").isMissingNode() ? null : declaration.path("Default").asText();
            if (value == null) {
                throw new IllegalArgumentException("parameter " + name + " has no value and no default");
            }
            check(name, declaration, value);
            parameters.put(name, declaration.path("Type").asText().equals("CommaDelimitedList") ? list(value) : TextNode.valueOf(value));
        });
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("parameters the template does not declare: " + unknown);
        }
    }

    /** The value a parameter took, as a string (a list joined by commas). */
    String parameter(String name) {
        JsonNode value = parameters.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no parameter " + name);
        }
        return value.isArray() ? String.join(",", strings(value)) : value.asText();
    }

    boolean condition(String name) {
        JsonNode definition = template.path("Conditions").path(name);
        if (definition.isMissingNode()) {
            throw new IllegalArgumentException("no condition " + name);
        }
        return evaluate(definition);
    }

    /** Whether a resource is created: it has no Condition, or its condition holds. */
    boolean creates(String logicalId) {
        JsonNode resource = template.path("Resources").path(logicalId);
        if (resource.isMissingNode()) {
            throw new IllegalArgumentException("no resource " + logicalId);
        }
        return !resource.has("Condition") || condition(resource.get("Condition").asText());
    }

    JsonNode resolve(JsonNode node) {
        if (node.isObject() && node.size() == 1) {
            String function = node.fieldNames().next();
            JsonNode argument = node.get(function);
            switch (function) {
                case "Ref":
                    return reference(argument.asText());
                case "Fn::GetAtt":
                    return attribute(argument.get(0).asText() + "." + argument.get(1).asText());
                case "Fn::If":
                    return resolve(condition(argument.get(0).asText()) ? argument.get(1) : argument.get(2));
                case "Fn::Sub":
                    return substitute(argument);
                case "Fn::Equals", "Fn::Not", "Fn::And", "Fn::Or", "Condition":
                    return JSON.booleanNode(evaluate(node));
                default:
                    if (function.startsWith("Fn::")) {
                        throw new UnsupportedOperationException(function + " is not modelled");
                    }
            }
        }
        if (node.isObject()) {
            ObjectNode resolved = JSON.objectNode();
            node.properties().forEach(field -> {
                JsonNode value = resolve(field.getValue());
                if (!value.isMissingNode()) {
                    resolved.set(field.getKey(), value);
                }
            });
            return resolved;
        }
        if (node.isArray()) {
            ArrayNode resolved = JSON.arrayNode();
            node.forEach(element -> {
                JsonNode value = resolve(element);
                if (!value.isMissingNode()) {
                    resolved.add(value);
                }
            });
            return resolved;
        }
        return node;
    }

    private boolean evaluate(JsonNode condition) {
        String function = condition.fieldNames().next();
        JsonNode argument = condition.get(function);
        return switch (function) {
            case "Fn::Equals" -> resolve(argument.get(0)).asText().equals(resolve(argument.get(1)).asText());
            case "Fn::Not" -> !evaluate(argument.get(0));
            case "Fn::And" -> allMatch(argument, true);
            case "Fn::Or" -> !allMatch(argument, false);
            case "Condition" -> condition(argument.asText());
            default -> throw new UnsupportedOperationException(function + " in a condition is not modelled");
        };
    }

    /** For And: every operand holds; for Or (asked with false): every operand fails. */
    private boolean allMatch(JsonNode operands, boolean expected) {
        for (JsonNode operand : operands) {
            if (evaluate(operand) != expected) {
                return false;
            }
        }
        return true;
    }

    private JsonNode reference(String name) {
        if (name.equals("AWS::NoValue")) {
            return MissingNode.getInstance();
        }
        if (parameters.containsKey(name)) {
            return parameters.get(name);
        }
        if (pseudo.containsKey(name)) {
            return TextNode.valueOf(pseudo.get(name));
        }
        if (template.path("Resources").has(name) || isGeneratedAlias(name)) {
            return TextNode.valueOf(resourceValues.getOrDefault(name, "<" + name + ">"));
        }
        throw new IllegalArgumentException("Ref to nothing the template declares: " + name);
    }

    /** SAM's alias of a function under Globals' AutoPublishAlias: FUNCTION + "Alias" + the alias name. */
    private boolean isGeneratedAlias(String name) {
        String alias = template.path("Globals").path("Function").path("AutoPublishAlias").asText("");
        if (alias.isEmpty() || !name.endsWith("Alias" + alias)) {
            return false;
        }
        JsonNode function = template.path("Resources").path(name.substring(0, name.length() - ("Alias" + alias).length()));
        return function.path("Type").asText().equals("AWS::Serverless::Function");
    }

    private JsonNode attribute(String dotted) {
        String resource = dotted.substring(0, dotted.indexOf('.'));
        if (!template.path("Resources").has(resource)) {
            throw new IllegalArgumentException("GetAtt of a resource the template does not declare: " + dotted);
        }
        return TextNode.valueOf(resourceValues.getOrDefault(dotted, "<" + dotted + ">"));
    }

    private JsonNode substitute(JsonNode argument) {
        String text = argument.isArray() ? argument.get(0).asText() : argument.asText();
        JsonNode variables = argument.isArray() ? argument.get(1) : JSON.objectNode();
        Matcher matcher = SUB_VARIABLE.matcher(text);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            JsonNode value = variables.has(name) ? resolve(variables.get(name))
                    : name.contains(".") && !name.startsWith("AWS::") ? attribute(name) : reference(name);
            if (!value.isTextual()) {
                throw new IllegalArgumentException("Fn::Sub of a non-string " + name + " in " + text);
            }
            matcher.appendReplacement(result, Matcher.quoteReplacement(value.asText()));
        }
        matcher.appendTail(result);
        return TextNode.valueOf(result.toString());
    }

    private static void check(String name, JsonNode declaration, String value) {
        JsonNode allowed = declaration.path("AllowedValues");
        if (allowed.isArray() && !strings(allowed).contains(value)) {
            throw new IllegalArgumentException(name + "=" + value + " is not one of " + allowed);
        }
        JsonNode pattern = declaration.path("AllowedPattern");
        if (pattern.isTextual() && !Pattern.compile(pattern.asText()).matcher(value).matches()) {
            throw new IllegalArgumentException(name + "=" + value + " does not match " + pattern.asText());
        }
    }

    private static ArrayNode list(String value) {
        ArrayNode list = JSON.arrayNode();
        Arrays.stream(value.split(",", -1)).map(String::trim).forEach(list::add);
        return list;
    }

    static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        node.forEach(element -> values.add(element.asText()));
        return values;
    }
}
