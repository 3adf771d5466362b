package io.execready.aws;

import java.util.List;
import java.util.Objects;

/**
 * A condition-key value that a real request would carry, passed to the IAM simulation so that
 * policies with conditions are evaluated as AWS would evaluate them.
 *
 * @param key    for example {@code aws:RequestedRegion} or {@code ecs:ResourceTag/team}
 * @param type   the simulation's key type: {@code string}, {@code stringList}, {@code boolean}
 * @param values one value, or several for list types
 */
public record ContextEntry(String key, String type, List<String> values) {

    public ContextEntry {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(type, "type");
        values = List.copyOf(values);
    }

    public static ContextEntry string(String key, String value) {
        return new ContextEntry(key, "string", List.of(value));
    }
}
