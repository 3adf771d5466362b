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
import java.util.List;
import java.util.Map;

/**
 * The EC2 reads that decide whether a task can reach Systems Manager. Every method reports failures
 * as data, never by throwing, and reads every page. Reads by id use filters, so an id this account
 * cannot see (a shared VPC's owner resources) is left out or Absent instead of failing the call.
 */
public interface Ec2Gateway {

    /** The subnet; Absent when it does not exist or this account cannot see it. */
    Fetched<Subnet> describeSubnet(String subnetId);

    /** The subnets among {@code subnetIds} this account can see. */
    Fetched<List<Subnet>> describeSubnets(Collection<String> subnetIds);

    /** The route table explicitly associated with the subnet; Absent when it has none (it then uses the main table). */
    Fetched<RouteTable> describeSubnetRouteTable(String subnetId);

    /** The VPC's main route table; Absent when this account cannot see it. */
    Fetched<RouteTable> describeMainRouteTable(String vpcId);

    /** The network interface; Absent when it does not exist (any more). */
    Fetched<NetworkInterface> describeNetworkInterface(String networkInterfaceId);

    /**
     * The network interfaces, one entry per distinct id in {@code networkInterfaceIds}: Absent for an id
     * that does not exist, Failed for every id of a read that failed. This default reads them one by
     * one; an SDK implementation reads many ids per call.
     */
    default Map<String, Fetched<NetworkInterface>> describeNetworkInterfaces(Collection<String> networkInterfaceIds) {
        Map<String, Fetched<NetworkInterface>> found = new LinkedHashMap<>();
        for (String id : networkInterfaceIds) {
            found.computeIfAbsent(id, this::describeNetworkInterface);
        }
        return found;
    }

    /** Every endpoint in the VPC that this account can see. */
    Fetched<List<VpcEndpoint>> describeVpcEndpoints(String vpcId);

    /** The security groups among {@code groupIds} this account can see, with their rules. */
    Fetched<List<SecurityGroup>> describeSecurityGroups(Collection<String> groupIds);

    /** The instance, with its metadata options; Absent when it does not exist. */
    Fetched<Ec2Instance> describeInstance(String instanceId);

    /** Every network ACL of the VPC that this account can see, with its rules and subnets. */
    Fetched<List<NetworkAcl>> describeNetworkAcls(String vpcId);

    /** The VPC's enableDnsSupport and enableDnsHostnames (ec2:DescribeVpcAttribute, one call each). */
    Fetched<VpcDnsSettings> describeVpcDnsSettings(String vpcId);
}
