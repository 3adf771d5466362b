package io.execready.publish;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many BatchImportFindings calls one invocation may send again after a passing failure,
 * whatever number of subjects it publishes. Security Hub's import quota (10 calls/s per account and
 * region) is shared by every running function; a throttled account is not helped by each invocation
 * re-sending freely, so once the budget is spent, what still fails fails the invocation and waits
 * for Lambda's retry.
 */
public final class ImportRetryBudget {

    /** Re-sent calls per invocation: with the SDK's attempts per call, at most 3 x (1 + 4) HTTP calls for one subject. */
    public static final int DEFAULT_RESENDS = 4;

    private final int resends;
    private final AtomicInteger left;

    public ImportRetryBudget(int resends) {
        if (resends < 0) {
            throw new IllegalArgumentException("resends must not be negative, got " + resends);
        }
        this.resends = resends;
        this.left = new AtomicInteger(resends);
    }

    /** No limit beyond the retry policy's own attempts. */
    public static ImportRetryBudget unlimited() {
        return new ImportRetryBudget(Integer.MAX_VALUE);
    }

    /** Takes one re-send; false when the budget is spent. */
    public boolean tryResend() {
        return left.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }

    /** A new invocation starts with the whole budget. */
    public void refill() {
        left.set(resends);
    }

    public int resends() {
        return resends;
    }
}
