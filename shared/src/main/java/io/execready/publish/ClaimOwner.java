package io.execready.publish;

import io.execready.state.PendingAlert;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Who is claiming alert transitions in this execution environment: the current attempt at handling
 * one event. The handler names the event's idempotency key (the EventBridge event id, the SQS
 * message id) as it starts; Lambda retries an event with the same key, so a retry recognises the
 * claim an earlier attempt left unfinished and sends its alert at once, without waiting for the
 * claim's lease. Two claims of one attempt (a sweep evaluates many tasks of a service in parallel)
 * are never taken for each other: a claim is only picked up when it was made before this attempt
 * started.
 */
public final class ClaimOwner {

    private record Attempt(String key, Instant startedAt) {
    }

    private volatile Attempt attempt = new Attempt("unnamed-" + UUID.randomUUID(), Instant.MIN);

    /** Starts an attempt at handling the event with this idempotency key. */
    public void begin(String idempotencyKey, Instant startedAt) {
        String key = idempotencyKey == null || idempotencyKey.isBlank() ? "unnamed-" + UUID.randomUUID() : idempotencyKey;
        attempt = new Attempt(key.replace('#', '_'), Objects.requireNonNull(startedAt, "startedAt"));
    }

    /** A new claim's owner: this attempt's key, and a value no other claim has. */
    String newClaim() {
        return attempt.key() + "#" + UUID.randomUUID();
    }

    /** Whether the claim was left by an earlier attempt at this same event (which Lambda is now retrying). */
    boolean leftByAnEarlierAttempt(PendingAlert pending) {
        Attempt current = attempt;
        return pending.owner().startsWith(current.key() + "#") && pending.claimedAt().isBefore(current.startedAt());
    }
}
