package io.execready.aws;

import io.execready.snapshot.Fetched;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * Remembers reads for the length of one invocation, so that evaluating many tasks of one service or
 * cluster describes each task definition and simulates each role once. Concurrent callers of the
 * same key share one read. Handlers {@link #clear()} it when an invocation starts: a new invocation
 * must see changes made since the last one.
 */
public final class ReadCache {

    private final ConcurrentMap<Object, CompletableFuture<Fetched<?>>> reads = new ConcurrentHashMap<>();

    @SuppressWarnings("unchecked")
    <T> Fetched<T> get(Object key, Supplier<Fetched<T>> read) {
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
