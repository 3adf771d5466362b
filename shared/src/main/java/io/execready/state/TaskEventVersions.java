package io.execready.state;

import io.execready.snapshot.EcsTask;
import java.time.Clock;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * Drops duplicate and out-of-order task events. ECS numbers every change of a task with a growing
 * {@code detail.version}; events may arrive twice and in any order. The version is recorded after
 * the event was handled, so an invocation that failed is retried, not dropped as a duplicate: here,
 * or by the findings port's last write when the event's publication carries it
 * ({@code FindingsPort.publishMarking}).
 */
public interface TaskEventVersions {

    /**
     * The recorded version when it is the same as or newer than the task's; empty for news (or an
     * unversioned event). The stored implementation answers from what its environment marked or
     * found marked, without a read, so a duplicate may pass here; its mark then finds it.
     */
    OptionalLong alreadyProcessed(EcsTask task);

    /** Records that the task's event was handled; a newer one recorded meanwhile is kept. */
    void processed(EcsTask task);

    /** The versions kept in the subject store. */
    static TaskEventVersions stored(SubjectStore store, Clock clock) {
        return stored(() -> store, clock);
    }

    /** The same, with the store built on first use: a function never asked to drop duplicates never needs the table. */
    static TaskEventVersions stored(Supplier<SubjectStore> store, Clock clock) {
        return new StoredTaskEventVersions(store, clock);
    }
}
