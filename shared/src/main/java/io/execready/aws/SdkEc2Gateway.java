package io.execready.aws;

import io.execready.snapshot.Ec2Instance;
import io.execready.snapshot.Fetched;
import io.execready.snapshot.NetworkInterface;
import io.execready.snapshot.RouteTable;
import io.execready.snapshot.SecurityGroup;
import io.execready.snapshot.Subnet;
import io.execready.snapshot.VpcEndpoint;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;

/** {@link Ec2Gateway} over the AWS SDK's EC2 client, every page read through the SDK's paginators. */
public final class SdkEc2Gateway implements Ec2Gateway {

    /** Ids per DescribeNetworkInterfaces call: EC2 takes at most 200 values in one filter. */
    static final int INTERFACES_PER_CALL = 200;

    private final Ec2Client ec2;

    public SdkEc2Gateway(Ec2Client ec2) {
        this.ec2 = Objects.requireNonNull(ec2, "ec2");
    }

    @Override
    public Fetched<Subnet> describeSubnet(String subnetId) {
        return AwsReads.read("ec2:DescribeSubnets", () -> first(subnets(List.of(subnetId)),
                "subnet " + subnetId + " does not exist or is not visible to this account"));
    }

    @Override
    public Fetched<List<Subnet>> describeSubnets(Collection<String> subnetIds) {
        if (subnetIds.isEmpty()) {
            return Fetched.present(List.of());
        }
        return AwsReads.read("ec2:DescribeSubnets", () -> Fetched.present(subnets(subnetIds)));
    }

    @Override
    public Fetched<RouteTable> describeSubnetRouteTable(String subnetId) {
        return AwsReads.read("ec2:DescribeRouteTables", () -> first(
                ec2.describeRouteTablesPaginator(r -> r.filters(filter("association.subnet-id", subnetId))).routeTables().stream()
                        .map(t -> Ec2ModelMapper.routeTable(t, false))
                        .toList(),
                "subnet " + subnetId + " has no explicitly associated route table"));
    }

    @Override
    public Fetched<RouteTable> describeMainRouteTable(String vpcId) {
        return AwsReads.read("ec2:DescribeRouteTables", () -> first(
                ec2.describeRouteTablesPaginator(r -> r.filters(filter("vpc-id", vpcId), filter("association.main", "true")))
                        .routeTables().stream()
                        .map(t -> Ec2ModelMapper.routeTable(t, true))
                        .toList(),
                "the main route table of " + vpcId + " is not visible to this account"));
    }

    @Override
    public Fetched<NetworkInterface> describeNetworkInterface(String networkInterfaceId) {
        return AwsReads.read("ec2:DescribeNetworkInterfaces", () -> first(
                ec2.describeNetworkInterfacesPaginator(r -> r.filters(filter("network-interface-id", networkInterfaceId)))
                        .networkInterfaces().stream()
                        .map(Ec2ModelMapper::networkInterface)
                        .toList(),
                "network interface " + networkInterfaceId + " does not exist"));
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
        return AwsReads.read("ec2:DescribeVpcEndpoints", () -> Fetched.present(
                ec2.describeVpcEndpointsPaginator(r -> r.filters(filter("vpc-id", vpcId))).vpcEndpoints().stream()
                        .map(Ec2ModelMapper::vpcEndpoint)
                        .toList()));
    }

    @Override
    public Fetched<List<SecurityGroup>> describeSecurityGroups(Collection<String> groupIds) {
        if (groupIds.isEmpty()) {
            return Fetched.present(List.of());
        }
        return AwsReads.read("ec2:DescribeSecurityGroups", () -> Fetched.present(
                ec2.describeSecurityGroupsPaginator(r -> r.filters(filter("group-id", groupIds))).securityGroups().stream()
                        .map(Ec2ModelMapper::securityGroup)
                        .toList()));
    }

    @Override
    public Fetched<Ec2Instance> describeInstance(String instanceId) {
        return AwsReads.read("ec2:DescribeInstances", () -> first(
                ec2.describeInstancesPaginator(r -> r.filters(filter("instance-id", instanceId))).reservations().stream()
                        .flatMap(reservation -> reservation.instances().stream())
                        .map(Ec2ModelMapper::instance)
                        .toList(),
                "instance " + instanceId + " does not exist"));
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
