package io.execready.engine;

/** What a check concluded about ECS Exec on one task or service. */
public enum CheckStatus {
    /** The requirement is met. */
    PASS,
    /** ECS Exec works, but a recommendation is not met. */
    WARN,
    /** ECS Exec will not work until this is fixed. */
    FAIL,
    /** The data could not be read, or the check itself broke; the message names what was missing. */
    UNKNOWN,
    /** The check does not apply to this task (for example a Fargate-only check on EC2). */
    NOT_APPLICABLE;

    /** Whether this status, on its own, means ECS Exec cannot be used. */
    public boolean blocksExec() {
        return this == FAIL;
    }
}
