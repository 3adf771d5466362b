package io.execready.publish;

import java.time.Duration;
import java.util.Objects;

/**
 * How often and how patiently the publisher re-sends findings that Security Hub failed for a
 * passing reason (throttling, an internal error). The SDK client retries whole calls on its own;
 * this covers what the SDK cannot see: per-finding failures inside an HTTP 200.
 *
 * @param maxAttempts how many times a finding is sent at most, the first time included
 * @param baseDelay   the backoff ceiling before the first retry; it doubles with each retry
 * @param maxDelay    the largest backoff ceiling
 */
public record ImportRetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay) {

    /** Four attempts, waiting at most 0.25 s, 0.5 s and 1 s: well inside a Lambda timeout. */
    public static final ImportRetryPolicy DEFAULT = new ImportRetryPolicy(4, Duration.ofMillis(250), Duration.ofSeconds(2));

    public ImportRetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        Objects.requireNonNull(baseDelay, "baseDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (baseDelay.isNegative() || maxDelay.compareTo(baseDelay) < 0) {
            throw new IllegalArgumentException("need 0 <= baseDelay <= maxDelay, got " + baseDelay + " and " + maxDelay);
        }
    }

    /** The longest wait before retry number {@code retry} (1 for the first retry). */
    public Duration backoffCeiling(int retry) {
        if (retry < 1) {
            throw new IllegalArgumentException("retry numbers start at 1, got " + retry);
        }
        Duration ceiling = baseDelay;
        for (int i = 1; i < retry && ceiling.compareTo(maxDelay) < 0; i++) {
            ceiling = ceiling.multipliedBy(2);
        }
        return ceiling.compareTo(maxDelay) > 0 ? maxDelay : ceiling;
    }
}
