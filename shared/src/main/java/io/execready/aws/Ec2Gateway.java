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

    /** Every endpoint in the VPC that this account can see. */
    Fetched<List<VpcEndpoint>> describeVpcEndpoints(String vpcId);

    /** The security groups among {@code groupIds} this account can see, with their rules. */
    Fetched<List<SecurityGroup>> describeSecurityGroups(Collection<String> groupIds);

    /** The instance; Absent when it does not exist. */
    Fetched<Ec2Instance> describeInstance(String instanceId);
}
