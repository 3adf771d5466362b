package io.execready.engine;

import io.execready.snapshot.TaskSnapshot;

/**
 * One rule of the catalog: a pure function from a task snapshot to a verdict.
 *
 * <p>Implementations do no I/O, read no clock and no environment: everything they need is in the
 * snapshot, and a fact the loader could not read is a {@code Fetched.Failed} there, which the check
 * turns into UNKNOWN naming what was missing, never into PASS or FAIL.
 */
public interface Check {

    CheckDefinition definition();

    CheckResult evaluate(TaskSnapshot snapshot);

    default String id() {
        return definition().id();
    }
}
