package io.execready.policy;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One statement of a resource policy, as written. Of each pair (Principal/NotPrincipal,
 * Action/NotAction, Resource/NotResource) at most one is set; an unset element is null, so that
 * "not written" stays apart from "written empty".
 *
 * @param sid          the statement's Sid, else "statement N" by its position
 * @param principal    principal type ("AWS", "Service", or "*") to values; null when not written
 * @param notPrincipal the same for NotPrincipal
 */
public record PolicyStatement(
        String sid,
        Effect effect,
        Map<String, List<String>> principal,
        Map<String, List<String>> notPrincipal,
        List<String> action,
        List<String> notAction,
        List<String> resource,
        List<String> notResource,
        List<Condition> conditions) {

    public enum Effect { ALLOW, DENY }

    /** One key under one operator: {@code "StringEquals": {"aws:SourceVpce": ["vpce-1"]}}. */
    public record Condition(String operator, String key, List<String> values) {
        public Condition {
            Objects.requireNonNull(operator, "operator");
            Objects.requireNonNull(key, "key");
            values = values == null ? List.of() : List.copyOf(values);
        }
    }

    public PolicyStatement {
        Objects.requireNonNull(sid, "sid");
        Objects.requireNonNull(effect, "effect");
        principal = principal == null ? null : Map.copyOf(principal);
        notPrincipal = notPrincipal == null ? null : Map.copyOf(notPrincipal);
        action = action == null ? null : List.copyOf(action);
        notAction = notAction == null ? null : List.copyOf(notAction);
        resource = resource == null ? null : List.copyOf(resource);
        notResource = notResource == null ? null : List.copyOf(notResource);
        conditions = List.copyOf(conditions);
    }
}
