package io.execready.aws;

import java.util.Objects;
import java.util.stream.Stream;

/**
 * Which of a cluster's tasks {@link EcsGateway#listTasks} asks ECS for: all of them, those of a
 * task definition family, those started by one principal or deployment, or those of a service.
 * ListTasks filters by one of these at a time.
 *
 * @param family      a task definition family, or null
 * @param startedBy   a {@code startedBy} value, or null
 * @param serviceName a service name, or null
 */
public record TaskListQuery(String family, String startedBy, String serviceName) {

    private static final TaskListQuery ALL = new TaskListQuery(null, null, null);

    public TaskListQuery {
        if (Stream.of(family, startedBy, serviceName).filter(Objects::nonNull).count() > 1) {
            throw new IllegalArgumentException("list tasks by family, startedBy or service, one at a time");
        }
    }

    public static TaskListQuery all() {
        return ALL;
    }

    public static TaskListQuery family(String family) {
        return new TaskListQuery(Objects.requireNonNull(family, "family"), null, null);
    }

    public static TaskListQuery startedBy(String startedBy) {
        return new TaskListQuery(null, Objects.requireNonNull(startedBy, "startedBy"), null);
    }

    public static TaskListQuery service(String serviceName) {
        return new TaskListQuery(null, null, Objects.requireNonNull(serviceName, "serviceName"));
    }

    /** "family web", "startedBy events-rule/nightly", "service web" or "all tasks", for messages. */
    public String describe() {
        if (family != null) {
            return "family " + family;
        }
        if (startedBy != null) {
            return "startedBy " + startedBy;
        }
        return serviceName != null ? "service " + serviceName : "all tasks";
    }
}
