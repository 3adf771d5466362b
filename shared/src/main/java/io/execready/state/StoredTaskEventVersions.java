package io.execready.state;

import io.execready.snapshot.EcsTask;
import java.time.Clock;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * Task event versions in the subject store's task items (conditional on the version growing).
 * Duplicates are told without a read from what this environment marked or found marked; one that
 * reaches another environment is evaluated again, and its mark's condition keeps the newest version
 * (publishing it again changes nothing: the findings port imports only what changed).
 */
final class StoredTaskEventVersions implements TaskEventVersions {

    private final Supplier<SubjectStore> store;
    private final Clock clock;

    StoredTaskEventVersions(Supplier<SubjectStore> store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public OptionalLong alreadyProcessed(EcsTask task) {
        if (task.version() == null) {
            return OptionalLong.empty();
        }
        OptionalLong last = store.get().knownTaskVersion(task.taskArn());
        return last.isPresent() && last.getAsLong() >= task.version() ? last : OptionalLong.empty();
    }

    @Override
    public void processed(EcsTask task) {
        if (task.version() != null) {
            store.get().recordTaskVersion(task.taskArn(), task.version(), clock.instant());
        }
    }
}
