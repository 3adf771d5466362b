package io.execready.aws;

import java.util.Objects;

/**
 * Which tasks {@link EcsGateway#listTasks} asks ECS for: those of a task definition family, or
 * those started by one principal or deployment. ListTasks takes one of the two, never both.
 *
 * @param family    a task definition family, or null
 * @param startedBy a {@code startedBy} value, or null
 */
public record TaskListQuery(String family, String startedBy) {

    public TaskListQuery {
        if ((family == null) == (startedBy == null)) {
            throw new IllegalArgumentException("list tasks by family or by startedBy, exactly one of them");
        }
    }

    public static TaskListQuery family(String family) {
        return new TaskListQuery(Objects.requireNonNull(family, "family"), null);
    }

    public static TaskListQuery startedBy(String startedBy) {
        return new TaskListQuery(null, Objects.requireNonNull(startedBy, "startedBy"));
    }

    /** "family web" or "startedBy events-rule/nightly", for messages. */
    public String describe() {
        return family != null ? "family " + family : "startedBy " + startedBy;
    }
}
