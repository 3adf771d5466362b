package io.execready.snapshot;

/**
 * What an evaluation judges: a task ECS started, or the task a service will start next (its
 * preflight). Messages, fingerprints and findings ask this type, never the task's ARN, which of the
 * two they are looking at.
 */
public sealed interface EvaluatedTask permits RunningTask, NextTaskOf {

    /**
     * The task's facts: as ECS reported them for a running task; for the next task of a service,
     * the settings its PRIMARY deployment starts tasks with, and no runtime state.
     */
    EcsTask task();

    /** "task 0a1b2c", or, where no task exists yet, "the next task of service web". */
    String name();

    /** "task 0a1b2c in cluster prod", or "the next task of service web in cluster prod". */
    default String describe() {
        return name() + " in cluster " + task().clusterName();
    }
}
