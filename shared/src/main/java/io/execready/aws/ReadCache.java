package io.execready.aws;

import io.execready.snapshot.Fetched;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * Remembers reads for the length of one invocation, so that evaluating many tasks of one service or
 * cluster describes each task definition and simulates each role once. Every SDK gateway reads
 * through one, keyed by the IAM action and the read's argument, so a new read is cached by the line
 * that makes it and needs no decorator. Concurrent callers of the same key share one read. Handlers
 * {@link #clear()} it when an invocation starts: a new invocation must see changes made since the
 * last one.
 */
public final class ReadCache {

    private static final ReadCache NONE = new ReadCache(false);

    private final ConcurrentMap<Object, CompletableFuture<Fetched<?>>> reads = new ConcurrentHashMap<>();
    private final boolean remembers;

    public ReadCache() {
        this(true);
    }

    private ReadCache(boolean remembers) {
        this.remembers = remembers;
    }

    /** Remembers nothing: every read goes to AWS (a gateway built without a cache, e.g. in a test). */
    public static ReadCache none() {
        return NONE;
    }

    /**
     * The result of the SDK call {@code call}, made once per {@code action} and {@code argument}
     * until the cache is cleared; an SDK failure becomes Failed through {@link AwsReads#read}.
     */
    <T> Fetched<T> read(String action, Object argument, Supplier<Fetched<T>> call) {
        return get(List.of(action, argument), () -> AwsReads.read(action, call));
    }

    @SuppressWarnings("unchecked")
    <T> Fetched<T> get(Object key, Supplier<Fetched<T>> read) {
        if (!remembers) {
            return read.get();
        }
        CompletableFuture<Fetched<?>> mine = new CompletableFuture<>();
        CompletableFuture<Fetched<?>> existing = reads.putIfAbsent(key, mine);
        if (existing != null) {
            return (Fetched<T>) existing.join();
        }
        try {
            Fetched<T> value = read.get();
            mine.complete(value);
            return value;
        } catch (RuntimeException e) {
            // Not cached: the next caller tries again rather than inheriting an unexpected failure.
            reads.remove(key, mine);
            mine.completeExceptionally(e);
            throw e;
        }
    }

    /** Records a value read in a batch; a read already made or under way for the key is kept. */
    <T> void seed(Object key, Fetched<T> value) {
        if (!remembers) {
            return;
        }
        reads.putIfAbsent(key, CompletableFuture.completedFuture(value));
    }

    /** The read made (or under way) for the key, without reading. */
    @SuppressWarnings("unchecked")
    <T> Optional<Fetched<T>> cached(Object key) {
        CompletableFuture<Fetched<?>> read = reads.get(key);
        return read == null ? Optional.empty() : Optional.of((Fetched<T>) read.join());
    }

    public void clear() {
        reads.clear();
    }
}
