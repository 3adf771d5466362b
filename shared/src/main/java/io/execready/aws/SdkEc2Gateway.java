package io.execready.aws;

import io.execready.snapshot.Ec2Instance;
import io.execready.snapshot.Fetched;
import io.execready.snapshot.NetworkAcl;
import io.execready.snapshot.NetworkInterface;
import io.execready.snapshot.RouteTable;
import io.execready.snapshot.SecurityGroup;
import io.execready.snapshot.Subnet;
import io.execready.snapshot.VpcDnsSettings;
import io.execready.snapshot.VpcEndpoint;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.VpcAttributeName;

/**
 * {@link Ec2Gateway} over the AWS SDK's EC2 client, every page read through the SDK's paginators.
 * The network reads tasks have in common go through the {@link ReadCache}: the tasks of a cluster
 * sit in a few subnets of a few VPCs, so a sweep of hundreds of tasks reads each subnet, route
 * table, endpoint list and security group set once per invocation. A task's own network interface
 * is no other task's, so it is read every time unless a sweep prefetched the interfaces of a whole
 * batch of tasks in a few calls ({@link #prefetchNetworkInterfaces}); an event about one task
 * therefore still reads its interface fresh.
 */
public final class SdkEc2Gateway implements Ec2Gateway, NetworkInterfacePrefetch {

    /** Ids per DescribeNetworkInterfaces call: EC2 takes at most 200 values in one filter. */
    static final int INTERFACES_PER_CALL = 200;

    private static final String DESCRIBE_INTERFACES = "ec2:DescribeNetworkInterfaces";

    private final Ec2Client ec2;
    private final ReadCache cache;

    /** A gateway that remembers nothing: every call reads. */
    public SdkEc2Gateway(Ec2Client ec2) {
        this(ec2, ReadCache.none());
    }

    public SdkEc2Gateway(Ec2Client ec2, ReadCache cache) {
        this.ec2 = Objects.requireNonNull(ec2, "ec2");
        this.cache = Objects.requireNonNull(cache, "cache");
    }

    @Override
    public Fetched<Subnet> describeSubnet(String subnetId) {
        return cache.read("ec2:DescribeSubnets", subnetId, () -> first(subnets(List.of(subnetId)),
                "subnet " + subnetId + " does not exist or is not visible to this account"));
    }

    @Override
    public Fetched<List<Subnet>> describeSubnets(Collection<String> subnetIds) {
        if (subnetIds.isEmpty()) {
            return Fetched.present(List.of());
        }
        return cache.read("ec2:DescribeSubnets", new TreeSet<>(subnetIds), () -> Fetched.present(subnets(subnetIds)));
    }

    @Override
    public Fetched<RouteTable> describeSubnetRouteTable(String subnetId) {
        return cache.read("ec2:DescribeRouteTables", List.of("association.subnet-id", subnetId), () -> first(
                ec2.describeRouteTablesPaginator(r -> r.filters(filter("association.subnet-id", subnetId))).routeTables().stream()
                        .map(t -> Ec2ModelMapper.routeTable(t, false))
                        .toList(),
                "subnet " + subnetId + " has no explicitly associated route table"));
    }

    @Override
    public Fetched<RouteTable> describeMainRouteTable(String vpcId) {
        return cache.read("ec2:DescribeRouteTables", List.of("association.main", vpcId), () -> first(
                ec2.describeRouteTablesPaginator(r -> r.filters(filter("vpc-id", vpcId), filter("association.main", "true")))
                        .routeTables().stream()
                        .map(t -> Ec2ModelMapper.routeTable(t, true))
                        .toList(),
                "the main route table of " + vpcId + " is not visible to this account"));
    }

    @Override
    public Fetched<NetworkInterface> describeNetworkInterface(String networkInterfaceId) {
        return cache.<NetworkInterface>cached(List.of(DESCRIBE_INTERFACES, networkInterfaceId))
                .orElseGet(() -> AwsReads.read(DESCRIBE_INTERFACES, () -> first(
                ec2.describeNetworkInterfacesPaginator(r -> r.filters(filter("network-interface-id", networkInterfaceId)))
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
                    ec2.describeNetworkInterfacesPaginator(r -> r.filters(filter("network-interface-id", chunk)))
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

    @Override
    public Fetched<List<VpcEndpoint>> describeVpcEndpoints(String vpcId) {
        return cache.read("ec2:DescribeVpcEndpoints", vpcId, () -> Fetched.present(
                ec2.describeVpcEndpointsPaginator(r -> r.filters(filter("vpc-id", vpcId))).vpcEndpoints().stream()
                        .map(Ec2ModelMapper::vpcEndpoint)
                        .toList()));
    }

    @Override
    public Fetched<List<SecurityGroup>> describeSecurityGroups(Collection<String> groupIds) {
        if (groupIds.isEmpty()) {
            return Fetched.present(List.of());
        }
        return cache.read("ec2:DescribeSecurityGroups", new TreeSet<>(groupIds), () -> Fetched.present(
                ec2.describeSecurityGroupsPaginator(r -> r.filters(filter("group-id", groupIds))).securityGroups().stream()
                        .map(Ec2ModelMapper::securityGroup)
                        .toList()));
    }

    @Override
    public Fetched<Ec2Instance> describeInstance(String instanceId) {
        return cache.read("ec2:DescribeInstances", instanceId, () -> first(
                ec2.describeInstancesPaginator(r -> r.filters(filter("instance-id", instanceId))).reservations().stream()
                        .flatMap(reservation -> reservation.instances().stream())
                        .map(Ec2ModelMapper::instance)
                        .toList(),
                "instance " + instanceId + " does not exist"));
    }

    @Override
    public Fetched<List<NetworkAcl>> describeNetworkAcls(String vpcId) {
        return cache.read("ec2:DescribeNetworkAcls", vpcId, () -> Fetched.present(
                ec2.describeNetworkAclsPaginator(r -> r.filters(filter("vpc-id", vpcId))).networkAcls().stream()
                        .map(Ec2ModelMapper::networkAcl)
                        .toList()));
    }

    @Override
    public Fetched<VpcDnsSettings> describeVpcDnsSettings(String vpcId) {
        return cache.read("ec2:DescribeVpcAttribute", vpcId, () -> {
            boolean support = Boolean.TRUE.equals(ec2.describeVpcAttribute(r -> r.vpcId(vpcId).attribute(VpcAttributeName.ENABLE_DNS_SUPPORT))
                    .enableDnsSupport().value());
            boolean hostnames = Boolean.TRUE.equals(ec2.describeVpcAttribute(r -> r.vpcId(vpcId).attribute(VpcAttributeName.ENABLE_DNS_HOSTNAMES))
                    .enableDnsHostnames().value());
            return Fetched.present(new VpcDnsSettings(vpcId, support, hostnames));
        });
    }

    private List<Subnet> subnets(Collection<String> subnetIds) {
        return ec2.describeSubnetsPaginator(r -> r.filters(filter("subnet-id", subnetIds))).subnets().stream()
                .map(Ec2ModelMapper::subnet)
                .toList();
    }

    private static <T> Fetched<T> first(List<T> found, String absentDescription) {
        return found.isEmpty() ? Fetched.absent(absentDescription) : Fetched.present(found.getFirst());
    }

    private static Filter filter(String name, String value) {
        return Filter.builder().name(name).values(value).build();
    }

    private static Filter filter(String name, Collection<String> values) {
        return Filter.builder().name(name).values(values).build();
    }
}
