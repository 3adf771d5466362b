package io.execready.aws;

import io.execready.snapshot.Ec2Instance;
import io.execready.snapshot.Fetched;
import io.execready.snapshot.NetworkInterface;
import io.execready.snapshot.RouteTable;
import io.execready.snapshot.SecurityGroup;
import io.execready.snapshot.Subnet;
import io.execready.snapshot.VpcEndpoint;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Shares the network reads tasks have in common through a {@link ReadCache}: the tasks of a
 * cluster sit in a few subnets of a few VPCs, so a sweep of hundreds of tasks reads each subnet,
 * route table, endpoint list and security group set once per invocation. A task's own network
 * interface is no other task's, so it is read every time unless a sweep prefetched the interfaces of
 * a whole batch of tasks in a few calls ({@link #prefetchNetworkInterfaces}); an event about one
 * task therefore still reads its interface fresh.
 */
public final class CachingEc2Gateway implements Ec2Gateway, NetworkInterfacePrefetch {

    private static final String INTERFACE_KEY = "ec2:DescribeNetworkInterfaces";

    private final Ec2Gateway delegate;
    private final ReadCache cache;

    public CachingEc2Gateway(Ec2Gateway delegate, ReadCache cache) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.cache = Objects.requireNonNull(cache, "cache");
    }

    @Override
    public Fetched<Subnet> describeSubnet(String subnetId) {
        return cache.get(List.of("ec2:DescribeSubnet", subnetId), () -> delegate.describeSubnet(subnetId));
    }

    @Override
    public Fetched<List<Subnet>> describeSubnets(Collection<String> subnetIds) {
        return cache.get(List.of("ec2:DescribeSubnets", new TreeSet<>(subnetIds)), () -> delegate.describeSubnets(subnetIds));
    }

    @Override
    public Fetched<RouteTable> describeSubnetRouteTable(String subnetId) {
        return cache.get(List.of("ec2:DescribeRouteTables:subnet", subnetId), () -> delegate.describeSubnetRouteTable(subnetId));
    }

    @Override
    public Fetched<RouteTable> describeMainRouteTable(String vpcId) {
        return cache.get(List.of("ec2:DescribeRouteTables:main", vpcId), () -> delegate.describeMainRouteTable(vpcId));
    }

    @Override
    public Fetched<NetworkInterface> describeNetworkInterface(String networkInterfaceId) {
        return cache.<NetworkInterface>cached(List.of(INTERFACE_KEY, networkInterfaceId))
                .orElseGet(() -> delegate.describeNetworkInterface(networkInterfaceId));
    }

    @Override
    public Map<String, Fetched<NetworkInterface>> describeNetworkInterfaces(Collection<String> networkInterfaceIds) {
        return delegate.describeNetworkInterfaces(networkInterfaceIds);
    }

    /**
     * Reads the interfaces not yet cached in batched calls and caches what was read. A failed read is
     * not cached: each task then reads its own interface, and a throttled batch costs no verdicts.
     */
    @Override
    public void prefetchNetworkInterfaces(Collection<String> networkInterfaceIds) {
        List<String> missing = networkInterfaceIds.stream()
                .distinct()
                .filter(id -> cache.cached(List.of(INTERFACE_KEY, id)).isEmpty())
                .toList();
        if (missing.isEmpty()) {
            return;
        }
        delegate.describeNetworkInterfaces(missing).forEach((id, read) -> {
            if (!read.isFailed()) {
                cache.seed(List.of(INTERFACE_KEY, id), read);
            }
        });
    }

    @Override
    public Fetched<List<VpcEndpoint>> describeVpcEndpoints(String vpcId) {
        return cache.get(List.of("ec2:DescribeVpcEndpoints", vpcId), () -> delegate.describeVpcEndpoints(vpcId));
    }

    @Override
    public Fetched<List<SecurityGroup>> describeSecurityGroups(Collection<String> groupIds) {
        return cache.get(List.of("ec2:DescribeSecurityGroups", new TreeSet<>(groupIds)), () -> delegate.describeSecurityGroups(groupIds));
    }

    @Override
    public Fetched<Ec2Instance> describeInstance(String instanceId) {
        return cache.get(List.of("ec2:DescribeInstances", instanceId), () -> delegate.describeInstance(instanceId));
    }
}
