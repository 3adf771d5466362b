package io.execready.aws;

import io.execready.snapshot.Fetched;
import java.util.List;
import java.util.Objects;

/**
 * {@link ReadSource} over the SDK clients: each read is made once per read and argument until the
 * {@link ReadCache} is cleared, and an SDK failure becomes Failed naming the read's action and its
 * kind ({@link AwsReads}). A client is built on the first read that needs it.
 */
public final class SdkReadSource implements ReadSource {

    private final ServiceClients clients;
    private final ReadCache cache;

    /** A source that remembers nothing: every call reads. */
    public SdkReadSource(ServiceClients clients) {
        this(clients, ReadCache.none());
    }

    public SdkReadSource(ServiceClients clients, ReadCache cache) {
        this.clients = Objects.requireNonNull(clients, "clients");
        this.cache = Objects.requireNonNull(cache, "cache");
    }

    @Override
    public <A, T> Fetched<T> read(AwsRead<A, T> read, A argument) {
        // Keyed by the read itself: two reads of one action (two filters of one Describe call) never share an answer.
        return cache.get(List.of(read, argument), () -> AwsReads.read(read.action(), () -> read.call(clients, argument)));
    }
}
