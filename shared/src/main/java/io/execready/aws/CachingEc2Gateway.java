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
import java.util.Objects;
import java.util.TreeSet;

/**
 * Shares the network reads tasks have in common through a {@link ReadCache}: the tasks of a
 * cluster sit in a few subnets of a few VPCs, so a sweep of hundreds of tasks reads each subnet,
 * route table, endpoint list and security group set once per invocation. A task's own network
 * interface is read every time: no other task has it.
 */
public final class CachingEc2Gateway implements Ec2Gateway {

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
        return delegate.describeNetworkInterface(networkInterfaceId);
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
