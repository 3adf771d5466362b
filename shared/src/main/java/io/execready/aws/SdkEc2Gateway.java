package io.execready.aws;

import io.execready.snapshot.Fetched;
import io.execready.snapshot.NetworkInterface;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * {@link Ec2Gateway} over the AWS SDK's EC2 client, every page read through the SDK's paginators.
 * A task's own network interface is no other task's, so it is read every time unless a sweep
 * prefetched the interfaces of a whole batch of tasks in a few calls ({@link #prefetchNetworkInterfaces});
 * an event about one task therefore still reads its interface fresh. The network reads tasks have
 * in common are {@link Ec2Reads}, cached per invocation.
 */
public final class SdkEc2Gateway implements Ec2Gateway, NetworkInterfacePrefetch {

    /** Ids per DescribeNetworkInterfaces call: EC2 takes at most 200 values in one filter. */
    static final int INTERFACES_PER_CALL = 200;

    private static final String DESCRIBE_INTERFACES = "ec2:DescribeNetworkInterfaces";

    private final Supplier<Ec2Client> ec2;
    private final ReadCache cache;

    /** A gateway that remembers nothing: every call reads. */
    public SdkEc2Gateway(Ec2Client ec2) {
        this(ec2, ReadCache.none());
    }

    public SdkEc2Gateway(Ec2Client ec2, ReadCache cache) {
        this(() -> ec2, cache);
        Objects.requireNonNull(ec2, "ec2");
    }

    /**
     * A gateway over a client built by {@code ec2} on the first read that needs it (the
     * {@link AwsClients} supplier memoizes it): building a client loads and verifies its whole service
     * class, which a cold start should pay only when an event needs it.
     */
    public SdkEc2Gateway(Supplier<Ec2Client> ec2, ReadCache cache) {
        this.ec2 = Objects.requireNonNull(ec2, "ec2");
        this.cache = Objects.requireNonNull(cache, "cache");
    }

    @Override
    public Fetched<NetworkInterface> describeNetworkInterface(String networkInterfaceId) {
        return cache.<NetworkInterface>cached(List.of(DESCRIBE_INTERFACES, networkInterfaceId))
                .orElseGet(() -> AwsReads.read(DESCRIBE_INTERFACES, () -> Ec2Reads.first(
                ec2.get().describeNetworkInterfacesPaginator(r -> r.filters(Ec2Reads.filter("network-interface-id", networkInterfaceId)))
                        .networkInterfaces().stream()
                        .map(Ec2ModelMapper::networkInterface)
                        .toList(),
                "network interface " + networkInterfaceId + " does not exist")));
    }

    /**
     * Reads the interfaces not yet cached in batched calls and caches what was read. A failed read is
     * not cached: each task then reads its own interface, and a throttled batch costs no verdicts.
     */
    @Override
    public void prefetchNetworkInterfaces(Collection<String> networkInterfaceIds) {
        List<String> missing = networkInterfaceIds.stream()
                .distinct()
                .filter(id -> cache.cached(List.of(DESCRIBE_INTERFACES, id)).isEmpty())
                .toList();
        if (missing.isEmpty()) {
            return;
        }
        describeNetworkInterfaces(missing).forEach((id, read) -> {
            if (!read.isFailed()) {
                cache.seed(List.of(DESCRIBE_INTERFACES, id), read);
            }
        });
    }

    @Override
    public Map<String, Fetched<NetworkInterface>> describeNetworkInterfaces(Collection<String> networkInterfaceIds) {
        List<String> ids = List.copyOf(new LinkedHashSet<>(networkInterfaceIds));
        Map<String, Fetched<NetworkInterface>> found = new LinkedHashMap<>();
        for (int start = 0; start < ids.size(); start += INTERFACES_PER_CALL) {
            List<String> chunk = ids.subList(start, Math.min(ids.size(), start + INTERFACES_PER_CALL));
            Fetched<List<NetworkInterface>> read = AwsReads.read("ec2:DescribeNetworkInterfaces", () -> Fetched.present(
                    ec2.get().describeNetworkInterfacesPaginator(r -> r.filters(Ec2Reads.filter("network-interface-id", chunk)))
                            .networkInterfaces().stream()
                            .map(Ec2ModelMapper::networkInterface)
                            .toList()));
            Map<String, NetworkInterface> byId = new LinkedHashMap<>();
            read.asOptional().orElse(List.of()).forEach(i -> byId.put(i.networkInterfaceId(), i));
            for (String id : chunk) {
                found.put(id, switch (read) {
                    case Fetched.Failed<List<NetworkInterface>> failed -> failed.retyped();
                    default -> Fetched.ofNullable(byId.get(id), "network interface " + id + " does not exist");
                });
            }
        }
        return found;
    }
}
