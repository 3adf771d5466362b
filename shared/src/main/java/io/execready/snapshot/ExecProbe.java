package io.execready.snapshot;

import io.execready.probe.ProbeOutcome;
import java.util.Objects;

/**
 * The one fact no configuration read gives: whether an ECS Exec session into the task actually
 * came up. Gathered after the other checks ran, and only where probing is turned on.
 */
public sealed interface ExecProbe {

    /** Probing is not turned on for the task's cluster (the default). */
    record Off(String clusterName) implements ExecProbe {
        public Off {
            Objects.requireNonNull(clusterName, "clusterName");
        }
    }

    /** Probing is on, but no session was opened; {@code reason} says why (e.g. another check does not pass). */
    record NotProbed(String reason) implements ExecProbe {
        public NotProbed {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** A session was opened (now, or for the same verdicts before: a probe runs once per change). */
    record Probed(ProbeOutcome outcome) implements ExecProbe {
        public Probed {
            Objects.requireNonNull(outcome, "outcome");
        }
    }
}
