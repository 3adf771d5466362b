package io.execready.state;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A subject's alert state: the failing set of its last transition and what was sent for it. The
 * revision grows by one with every write of it; claims are conditional on it, so of many concurrent
 * evaluations exactly one makes each transition.
 *
 * @param failingChecks sorted check ids that failed at the last transition; empty when ready
 * @param undetermined  sorted check ids that could not be read at the last transition and were not
 *                      known to fail: when one of them is later read as failing, that confirms the
 *                      alert already sent rather than changing it
 * @param alertedAt     when the last transition was claimed, or null before the first
 * @param kind          what the last transition was (the name of the publisher's AlertTransition.Kind), or null
 * @param revision      0 before the first transition
 * @param pending       the claim of the last transition while its alert is not confirmed sent
 */
public record AlertState(List<String> failingChecks, List<String> undetermined, Instant alertedAt, String kind, long revision,
                         Optional<PendingAlert> pending) {

    public static final AlertState NONE = new AlertState(List.of(), null, null, 0);

    public AlertState {
        failingChecks = List.copyOf(Objects.requireNonNull(failingChecks, "failingChecks"));
        undetermined = List.copyOf(Objects.requireNonNull(undetermined, "undetermined"));
        Objects.requireNonNull(pending, "pending");
        if (revision < 0) {
            throw new IllegalArgumentException("revision must not be negative: " + revision);
        }
    }

    /** A settled state (nothing pending, nothing undetermined). */
    public AlertState(List<String> failingChecks, Instant alertedAt, String kind, long revision) {
        this(failingChecks, List.of(), alertedAt, kind, revision, Optional.empty());
    }

    /** The state as it was before the pending claim, at this revision: what a pick-up decides from. */
    public AlertState beforeClaim() {
        return pending.map(p -> new AlertState(p.previousFailing(), p.previousUndetermined(), alertedAt, p.previousKind(), revision,
                Optional.<PendingAlert>empty())).orElse(this);
    }
}
