package io.execready.aws;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The threads that make AWS reads in parallel. Platform threads, not virtual ones: a virtual thread
 * pins its carrier while it waits for a class-loading lock, and the first reads of an invocation load
 * SDK classes concurrently (each client is built on its first read), so with as few carriers as a
 * Lambda function or a 2-core machine has, all carriers can end up pinned behind a loader whose own
 * virtual thread then never runs again: a deadlock the command line met under load. The reads are few
 * (one wave is about ten), so a cached pool of daemon threads costs nothing a virtual thread would save.
 */
public final class ReadThreads {

    private ReadThreads() {
    }

    /** A pool that starts a thread per concurrent read and keeps idle ones for a minute. */
    public static ExecutorService pool() {
        return Executors.newCachedThreadPool(Thread.ofPlatform().daemon().name("execready-read-", 0).factory());
    }
}
