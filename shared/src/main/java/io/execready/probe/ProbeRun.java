package io.execready.probe;

import java.util.Objects;

/** One probe: what it proved, and whether the session it opened was terminated afterwards. */
public record ProbeRun(ProbeOutcome outcome, Termination termination) {
    public ProbeRun {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(termination, "termination");
    }

    /** What became of the session on the service side. */
    public sealed interface Termination {
        /** ExecuteCommand opened no session, so there was none to end. */
        record NoSession() implements Termination {
        }

        /** ssm:TerminateSession ended it. */
        record Terminated(String sessionId) implements Termination {
        }

        /** ssm:TerminateSession failed; the session ends when the agent's idle timeout does. */
        record NotTerminated(String sessionId, String error) implements Termination {
        }
    }
}
