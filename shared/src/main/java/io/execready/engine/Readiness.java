package io.execready.engine;

import java.util.List;

/** What a subject's report says about ECS Exec as a whole. */
public enum Readiness {
    /** Every check was read and none fails: ECS Exec works. */
    READY,
    /** At least one check fails: ECS Exec does not work until it is fixed. */
    NOT_READY,
    /**
     * No check fails, but one that decides readiness could not be read (UNKNOWN): nothing can be said
     * yet. Never reported as ready, alerts nothing by itself, and is evaluated again by the next event.
     * An UNKNOWN of a check that only recommends ({@link CheckDefinition#decidesReadiness()}) leaves
     * readiness decided.
     */
    UNDETERMINED;

    /** What these verdicts say together: not ready on a FAIL, else undetermined on a deciding UNKNOWN, else ready. */
    public static Readiness of(List<CheckResult> results) {
        if (results.stream().anyMatch(r -> r.status().blocksExec())) {
            return NOT_READY;
        }
        return results.stream().anyMatch(Readiness::undecided) ? UNDETERMINED : READY;
    }

    /** The less ready of two: NOT_READY over UNDETERMINED over READY. */
    public Readiness and(Readiness other) {
        return rank() >= other.rank() ? this : other;
    }

    private int rank() {
        return switch (this) {
            case READY -> 0;
            case UNDETERMINED -> 1;
            case NOT_READY -> 2;
        };
    }

    /** A verdict that leaves its subject undetermined. */
    static boolean undecided(CheckResult result) {
        return result.status() == CheckStatus.UNKNOWN && result.decidesReadiness();
    }
}
