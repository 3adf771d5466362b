package io.execready.state;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An alert transition claimed and not yet confirmed as sent. The claim is written before the
 * message goes out and completed after, so that a send that never happened (SNS failed, the
 * invocation timed out, the claim's own write was answered with an error) can be picked up again
 * instead of being taken for done. What the state was before the claim is kept, so the pick-up
 * decides again from there.
 *
 * @param owner                 who claimed it: the event's idempotency key, {@code #}, then a value unique to the claim
 * @param claimedAt             when it was claimed
 * @param previousFailing       the failing set before the claim
 * @param previousUndetermined  the undetermined set before the claim
 * @param previousKind          the kind of the transition before the claim, or null before the first
 */
public record PendingAlert(String owner, Instant claimedAt, List<String> previousFailing, List<String> previousUndetermined,
                           String previousKind) {

    public PendingAlert {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(claimedAt, "claimedAt");
        previousFailing = List.copyOf(previousFailing);
        previousUndetermined = List.copyOf(previousUndetermined);
    }

    /** A claim older than {@code lease} belongs to an invocation that ended without finishing it. */
    public boolean expired(Instant now, Duration lease) {
        return !claimedAt.plus(lease).isAfter(now);
    }
}
