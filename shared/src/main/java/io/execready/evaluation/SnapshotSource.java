package io.execready.evaluation;

import io.execready.snapshot.EcsTask;
import io.execready.snapshot.TaskSnapshot;

/** Where an evaluation gets the facts about a task: {@link TaskSnapshotLoader#load} in production. */
@FunctionalInterface
public interface SnapshotSource {

    TaskSnapshot load(EcsTask task);
}
