package io.execready.probe;

import java.time.Duration;
import java.util.Objects;

/** What one ECS Exec probe proved: the sentinel came back, or the phase it failed in and the exact error. */
public sealed interface ProbeOutcome {

    /** The session that was opened, when ExecuteCommand got that far (empty before it). */
    String sessionId();

    /** The command's output carried the sentinel, {@code timeToSentinel} after the probe started. */
    record SentinelRead(String sessionId, Duration timeToSentinel) implements ProbeOutcome {
        public SentinelRead {
            Objects.requireNonNull(sessionId, "sessionId");
            Objects.requireNonNull(timeToSentinel, "timeToSentinel");
        }
    }

    /** The probe stopped in {@code phase} with {@code error}, worded as the service or the protocol said it. */
    record Failed(String sessionId, ProbePhase phase, String error) implements ProbeOutcome {
        public Failed {
            Objects.requireNonNull(sessionId, "sessionId");
            Objects.requireNonNull(phase, "phase");
            Objects.requireNonNull(error, "error");
        }
    }
}
