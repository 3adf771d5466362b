package io.execready.state;

import io.execready.snapshot.EcsTask;
import java.util.Objects;
import java.util.Optional;

/**
 * A task event to mark as handled: the task and the {@code detail.version} of its event.
 *
 * @param taskArn the task
 * @param version the event's version
 */
public record TaskEventMark(String taskArn, long version) {

    public TaskEventMark {
        Objects.requireNonNull(taskArn, "taskArn");
    }

    /** The mark of the task's event; empty for an unversioned event, which is never dropped as a duplicate. */
    public static Optional<TaskEventMark> of(EcsTask task) {
        return task.version() == null ? Optional.empty() : Optional.of(new TaskEventMark(task.taskArn(), task.version()));
    }
}
