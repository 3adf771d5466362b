package io.execready.aws;

import java.time.Duration;
import java.util.Objects;

/**
 * How long one AWS call may take and how often it is tried, for every SDK client the checker
 * builds. A call that outlasts them becomes a failed read (timed out, or throttled once the retries
 * ran out), never a hung invocation: the call timeout must stay below the function's own timeout.
 *
 * @param maxAttempts    attempts per call, the first included (standard retry mode, jittered backoff)
 * @param attemptTimeout how long one attempt may wait for its answer
 * @param callTimeout    how long a call may take across all its attempts and backoffs
 */
public record AwsCallLimits(int maxAttempts, Duration attemptTimeout, Duration callTimeout) {

    /** Four attempts of at most 20 s, 45 s in all: inside the template's 60 s function timeout. */
    public static final AwsCallLimits DEFAULT = new AwsCallLimits(4, Duration.ofSeconds(20), Duration.ofSeconds(45));

    public AwsCallLimits {
        Objects.requireNonNull(attemptTimeout, "attemptTimeout");
        Objects.requireNonNull(callTimeout, "callTimeout");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        if (attemptTimeout.isNegative() || attemptTimeout.isZero() || attemptTimeout.compareTo(callTimeout) > 0) {
            throw new IllegalArgumentException("attemptTimeout must be positive and at most callTimeout, got "
                    + attemptTimeout + " and " + callTimeout);
        }
    }
}
