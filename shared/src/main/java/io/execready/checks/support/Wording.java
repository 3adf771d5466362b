package io.execready.checks.support;

import io.execready.snapshot.Arn;
import io.execready.snapshot.EvaluatedTask;
import io.execready.snapshot.ServiceSnapshot;
import io.execready.snapshot.TaskDefinition;
import java.util.List;

/**
 * How results name things, so that every message says "task 0a1b in cluster prod" and
 * "task definition web:7" the same way, and lists read as prose.
 */
public final class Wording {

    private Wording() {
    }

    /** "task 0a1b2c in cluster prod", or for a preflight "the next task of service web in cluster prod". */
    public static String task(EvaluatedTask task) {
        return task.describe();
    }

    /** "task 0a1b2c", or for a preflight, where no task exists yet, "the next task of service web". */
    public static String taskName(EvaluatedTask task) {
        return task.name();
    }

    /** "service web in cluster prod". */
    public static String service(ServiceSnapshot snapshot) {
        return "service " + snapshot.service().serviceName() + " in cluster " + snapshot.clusterName();
    }

    /** "task definition web:7", from the revision's ARN. */
    public static String taskDefinition(TaskDefinition taskDefinition) {
        return "task definition " + revision(taskDefinition.taskDefinitionArn());
    }

    /** "web:7" for {@code arn:aws:ecs:...:task-definition/web:7}; the text itself when it is no ARN. */
    public static String revision(String taskDefinitionArn) {
        if (taskDefinitionArn == null) {
            return "(unknown revision)";
        }
        return Arn.parse(taskDefinitionArn).map(Arn::resourceName).orElse(taskDefinitionArn);
    }

    /** The name in {@code arn:aws:iam::1:role/path/NAME}, as {@code aws iam} commands take it. */
    public static String roleName(String roleArn) {
        return Arn.parse(roleArn).map(Arn::resourceName).orElse(roleArn);
    }

    /** "a", "a and b", "a, b and c". */
    public static String list(List<String> items) {
        if (items.isEmpty()) {
            return "";
        }
        if (items.size() == 1) {
            return items.getFirst();
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.getLast();
    }

    /** "container app" or "containers app and worker". */
    public static String containers(List<String> names) {
        return (names.size() == 1 ? "container " : "containers ") + list(names);
    }

    /** The text with its first letter in upper case, to open a sentence. */
    public static String capitalised(String text) {
        return text.isEmpty() ? text : text.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + text.substring(1);
    }

    /** Text from AWS (a stopped reason, a read failure) made fit to sit inside one sentence. */
    public static String clause(String text) {
        String trimmed = text == null ? "" : text.strip();
        while (trimmed.endsWith(".")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1).strip();
        }
        return trimmed;
    }
}
