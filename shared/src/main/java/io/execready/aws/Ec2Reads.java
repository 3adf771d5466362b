package io.execready.aws;

import io.execready.snapshot.Ec2Instance;
import io.execready.snapshot.Fetched;
import io.execready.snapshot.NetworkAcl;
import io.execready.snapshot.RouteTable;
import io.execready.snapshot.SecurityGroup;
import io.execready.snapshot.Subnet;
import io.execready.snapshot.VpcDnsSettings;
import io.execready.snapshot.VpcEndpoint;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.VpcAttributeName;

/**
 * The EC2 reads that decide whether a task can reach Systems Manager, every page read through the
 * SDK's paginators. Reads by id use filters, so an id this account cannot see (a shared VPC's owner
 * resources) is left out or Absent instead of failing the call. Made through the {@link ReadCache},
 * these are read once per invocation: the tasks of a cluster sit in a few subnets of a few VPCs. A
 * task's own network interface is read through {@link Ec2Gateway} instead, which batches it.
 */
public final class Ec2Reads {

    /** The subnet; Absent when it does not exist or this account cannot see it. */
    public static final AwsRead<String, Subnet> SUBNET = AwsRead.of("ec2:DescribeSubnets", Ec2Client.class,
            (ec2, subnetId) -> first(subnets(ec2, List.of(subnetId)), "subnet " + subnetId + " does not exist or is not visible to this account"));

    /** The subnets among these ids this account can see. */
    public static final AwsRead<Set<String>, List<Subnet>> SUBNETS = AwsRead.of("ec2:DescribeSubnets", Ec2Client.class,
            (ec2, subnetIds) -> Fetched.present(subnetIds.isEmpty() ? List.of() : subnets(ec2, subnetIds)));

    /** The route table explicitly associated with the subnet; Absent when it has none (it then uses the main table). */
    public static final AwsRead<String, RouteTable> SUBNET_ROUTE_TABLE = AwsRead.of("ec2:DescribeRouteTables", Ec2Client.class,
            (ec2, subnetId) -> first(ec2.describeRouteTablesPaginator(r -> r.filters(filter("association.subnet-id", subnetId)))
                            .routeTables().stream()
                            .map(t -> Ec2ModelMapper.routeTable(t, false))
                            .toList(),
                    "subnet " + subnetId + " has no explicitly associated route table"));

    /** The VPC's main route table; Absent when this account cannot see it. */
    public static final AwsRead<String, RouteTable> MAIN_ROUTE_TABLE = AwsRead.of("ec2:DescribeRouteTables", Ec2Client.class,
            (ec2, vpcId) -> first(ec2.describeRouteTablesPaginator(r -> r.filters(filter("vpc-id", vpcId), filter("association.main", "true")))
                            .routeTables().stream()
                            .map(t -> Ec2ModelMapper.routeTable(t, true))
                            .toList(),
                    "the main route table of " + vpcId + " is not visible to this account"));

    /** Every endpoint in the VPC that this account can see. */
    public static final AwsRead<String, List<VpcEndpoint>> VPC_ENDPOINTS = AwsRead.of("ec2:DescribeVpcEndpoints", Ec2Client.class,
            (ec2, vpcId) -> Fetched.present(ec2.describeVpcEndpointsPaginator(r -> r.filters(filter("vpc-id", vpcId))).vpcEndpoints().stream()
                    .map(Ec2ModelMapper::vpcEndpoint)
                    .toList()));

    /** The security groups among these ids this account can see, with their rules. */
    public static final AwsRead<Set<String>, List<SecurityGroup>> SECURITY_GROUPS = AwsRead.of("ec2:DescribeSecurityGroups", Ec2Client.class,
            (ec2, groupIds) -> Fetched.present(groupIds.isEmpty() ? List.of()
                    : ec2.describeSecurityGroupsPaginator(r -> r.filters(filter("group-id", groupIds))).securityGroups().stream()
                            .map(Ec2ModelMapper::securityGroup)
                            .toList()));

    /** The instance, with its metadata options; Absent when it does not exist. */
    public static final AwsRead<String, Ec2Instance> INSTANCE = AwsRead.of("ec2:DescribeInstances", Ec2Client.class,
            (ec2, instanceId) -> first(ec2.describeInstancesPaginator(r -> r.filters(filter("instance-id", instanceId))).reservations().stream()
                            .flatMap(reservation -> reservation.instances().stream())
                            .map(Ec2ModelMapper::instance)
                            .toList(),
                    "instance " + instanceId + " does not exist"));

    /** Every network ACL of the VPC that this account can see, with its rules and subnets. */
    public static final AwsRead<String, List<NetworkAcl>> NETWORK_ACLS = AwsRead.of("ec2:DescribeNetworkAcls", Ec2Client.class,
            (ec2, vpcId) -> Fetched.present(ec2.describeNetworkAclsPaginator(r -> r.filters(filter("vpc-id", vpcId))).networkAcls().stream()
                    .map(Ec2ModelMapper::networkAcl)
                    .toList()));

    /** The VPC's enableDnsSupport and enableDnsHostnames (ec2:DescribeVpcAttribute, one call each). */
    public static final AwsRead<String, VpcDnsSettings> VPC_DNS_SETTINGS = AwsRead.of("ec2:DescribeVpcAttribute", Ec2Client.class,
            (ec2, vpcId) -> {
                boolean support = Boolean.TRUE.equals(ec2.describeVpcAttribute(r -> r.vpcId(vpcId).attribute(VpcAttributeName.ENABLE_DNS_SUPPORT))
                        .enableDnsSupport().value());
                boolean hostnames = Boolean.TRUE.equals(ec2.describeVpcAttribute(r -> r.vpcId(vpcId).attribute(VpcAttributeName.ENABLE_DNS_HOSTNAMES))
                        .enableDnsHostnames().value());
                return Fetched.present(new VpcDnsSettings(vpcId, support, hostnames));
            });

    private Ec2Reads() {
    }

    private static List<Subnet> subnets(Ec2Client ec2, Collection<String> subnetIds) {
        return ec2.describeSubnetsPaginator(r -> r.filters(filter("subnet-id", subnetIds))).subnets().stream()
                .map(Ec2ModelMapper::subnet)
                .toList();
    }

    static <T> Fetched<T> first(List<T> found, String absentDescription) {
        return found.isEmpty() ? Fetched.absent(absentDescription) : Fetched.present(found.getFirst());
    }

    static Filter filter(String name, String value) {
        return Filter.builder().name(name).values(value).build();
    }

    static Filter filter(String name, Collection<String> values) {
        return Filter.builder().name(name).values(values).build();
    }
}
