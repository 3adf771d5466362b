package io.execready.engine;

/** What a subject's report says about ECS Exec as a whole. */
public enum Readiness {
    /** Every check was read and none fails: ECS Exec works. */
    READY,
    /** At least one check fails: ECS Exec does not work until it is fixed. */
    NOT_READY,
    /**
     * No check fails, but at least one could not be read (UNKNOWN): nothing can be said yet. Never
     * reported as ready, alerts nothing by itself, and is evaluated again by the next event.
     */
    UNDETERMINED
}
