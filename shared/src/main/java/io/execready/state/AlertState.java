package io.execready.state;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A subject's alert state: the failing set of its last transition and what was sent for it. The
 * revision grows by one with every transition; claims are conditional on it, so of many concurrent
 * evaluations exactly one makes each transition.
 *
 * @param failingChecks sorted check ids that failed at the last transition; empty when ready
 * @param alertedAt     when the last transition was claimed, or null before the first
 * @param kind          what the last transition was (the name of the publisher's AlertTransition.Kind), or null
 * @param revision      0 before the first transition
 */
public record AlertState(List<String> failingChecks, Instant alertedAt, String kind, long revision) {

    public static final AlertState NONE = new AlertState(List.of(), null, null, 0);

    public AlertState {
        failingChecks = List.copyOf(Objects.requireNonNull(failingChecks, "failingChecks"));
        if (revision < 0) {
            throw new IllegalArgumentException("revision must not be negative: " + revision);
        }
    }
}
