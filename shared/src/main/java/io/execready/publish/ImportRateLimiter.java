package io.execready.publish;

/**
 * Paces BatchImportFindings calls. Security Hub allows 10 calls per second (burst 30) per account
 * and region, shared by every running function; each instance paces itself with its share.
 */
@FunctionalInterface
public interface ImportRateLimiter {

    /** Blocks until one more call may be made. */
    void acquire() throws InterruptedException;

    /** No pacing: for tests and for callers that pace themselves. */
    static ImportRateLimiter unlimited() {
        return () -> { };
    }
}
