package io.execready.probe;

/** Raised inside the probe to stop it in a phase; {@link ExecSessionProbe} turns it into {@link ProbeOutcome.Failed}. */
final class ProbeFailure extends Exception {

    private final ProbePhase phase;

    ProbeFailure(ProbePhase phase, String message) {
        super(message, null, false, false);
        this.phase = phase;
    }

    ProbePhase phase() {
        return phase;
    }
}
