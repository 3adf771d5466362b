package io.execready.evaluation;

import java.util.Objects;

/** What handling one ECS task state change did. */
public sealed interface TaskEventOutcome {

    /** A RUNNING task was evaluated (its findings published, or kept as evidence only). */
    record Evaluated(EvaluationOutcome outcome) implements TaskEventOutcome {
        public Evaluated {
            Objects.requireNonNull(outcome, "outcome");
        }
    }

    /** A STOPPED task's subject was settled. */
    record Settled(SettlementOutcome outcome) implements TaskEventOutcome {
        public Settled {
            Objects.requireNonNull(outcome, "outcome");
        }
    }

    /** The event's version was not newer than one already processed: a duplicate, or older news. */
    record Stale(String taskArn, long version, long lastProcessedVersion) implements TaskEventOutcome {
    }

    /**
     * ECS does not confirm the event's task (no such task or cluster in this account and region, or
     * the read is refused for good): nothing is published for an event whose facts cannot be checked.
     */
    record Unconfirmed(String taskArn, String reason) implements TaskEventOutcome {
    }

    /** A state this function does not act on (PROVISIONING, PENDING, DEPROVISIONING, ...). */
    record Skipped(String taskArn, String reason) implements TaskEventOutcome {
    }
}
