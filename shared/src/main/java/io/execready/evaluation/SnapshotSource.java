package io.execready.evaluation;

import io.execready.snapshot.EvaluatedTask;
import io.execready.snapshot.TaskSnapshot;

/** Where an evaluation gets the facts about a task: {@link TaskSnapshotLoader#load(EvaluatedTask)} in production. */
@FunctionalInterface
public interface SnapshotSource {

    TaskSnapshot load(EvaluatedTask target);
}
