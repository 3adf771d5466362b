package io.execready.state;

import io.execready.snapshot.EcsTask;
import java.time.Clock;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Drops duplicate and out-of-order task events. ECS numbers every change of a task with a growing
 * {@code detail.version}; events may arrive twice and in any order. The version is recorded after
 * the event was handled, so an invocation that failed is retried, not dropped as a duplicate.
 */
public final class TaskEventVersions {

    private final SubjectStore store;
    private final Clock clock;

    public TaskEventVersions(SubjectStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The recorded version when it is the same as or newer than the task's; empty for news (or an unversioned event). */
    public OptionalLong alreadyProcessed(EcsTask task) {
        if (task.version() == null) {
            return OptionalLong.empty();
        }
        OptionalLong last = store.lastTaskVersion(task.taskArn());
        return last.isPresent() && last.getAsLong() >= task.version() ? last : OptionalLong.empty();
    }

    /** Records that the task's event was handled; a newer one recorded meanwhile is kept. */
    public void processed(EcsTask task) {
        if (task.version() != null) {
            store.recordTaskVersion(task.taskArn(), task.version(), clock.instant());
        }
    }
}
