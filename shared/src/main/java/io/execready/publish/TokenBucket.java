package io.execready.publish;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A token bucket for one function instance: {@code permitsPerSecond} calls per second on average,
 * at most {@code capacity} at once after a quiet spell. Callers that find the bucket empty take a
 * token on credit and wait their turn, so concurrent callers queue in arrival order instead of
 * retrying in a busy loop.
 *
 * <p>How it composes: Security Hub counts calls per account and region, not per instance. With
 * reserved concurrency C for the functions that import, an instance rate of 10 / C keeps the
 * steady total at or under 10 calls per second, and a capacity of at most 30 / C keeps a
 * synchronized burst of all C instances within Security Hub's burst of 30.
 */
public final class TokenBucket implements ImportRateLimiter {

    private static final double NANOS_PER_SECOND = 1_000_000_000d;

    private final double permitsPerNano;
    private final double capacity;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    private double tokens;
    private long refilledAt;

    public TokenBucket(double permitsPerSecond, double capacity, LongSupplier nanoTime, Sleeper sleeper) {
        if (!(permitsPerSecond > 0) || !(capacity >= 1)) {
            throw new IllegalArgumentException("need a rate above 0 and a capacity of at least 1, got " + permitsPerSecond + " and " + capacity);
        }
        this.permitsPerNano = permitsPerSecond / NANOS_PER_SECOND;
        this.capacity = capacity;
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
        this.tokens = capacity;
        this.refilledAt = nanoTime.getAsLong();
    }

    /** A bucket on the system clock whose burst is one second's worth of calls, and at least one call. */
    public static TokenBucket perSecond(double permitsPerSecond) {
        return new TokenBucket(permitsPerSecond, Math.max(1, permitsPerSecond), System::nanoTime, Sleeper.system());
    }

    @Override
    public void acquire() throws InterruptedException {
        long waitNanos = reserve();
        if (waitNanos > 0) {
            sleeper.sleep(Duration.ofNanos(waitNanos));
        }
    }

    /** Takes a token, on credit when none is left, and says how long to wait until it is due. */
    private synchronized long reserve() {
        long now = nanoTime.getAsLong();
        tokens = Math.min(capacity, tokens + (now - refilledAt) * permitsPerNano);
        refilledAt = now;
        tokens -= 1;
        return tokens >= 0 ? 0 : (long) Math.ceil(-tokens / permitsPerNano);
    }
}
