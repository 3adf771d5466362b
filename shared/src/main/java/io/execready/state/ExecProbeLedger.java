package io.execready.state;

import io.execready.probe.ProbeOutcome;
import io.execready.snapshot.Subject;
import java.time.Instant;
import java.util.Optional;

/**
 * Which probes ran: at most one per subject per change of its verdicts. A probe is claimed before it
 * runs (so two evaluations of one subject never both open a session) and its outcome recorded after,
 * so later evaluations with the same verdicts report it again instead of probing again.
 */
public interface ExecProbeLedger {

    /** Claims the probe of {@code subject} at {@code fingerprint}; {@code false} when it was claimed before. */
    boolean claim(Subject subject, String fingerprint, Instant now);

    /** Records what the claimed probe proved. */
    void record(Subject subject, String fingerprint, ProbeOutcome outcome, Instant now);

    /** The outcome recorded for {@code subject} at {@code fingerprint}; empty while none is (or the probe is under way). */
    Optional<ProbeOutcome> recorded(Subject subject, String fingerprint);
}
