package io.execready.snapshot;

import java.util.List;
import java.util.Objects;

/**
 * What decides whether the exec agent in a task can reach Systems Manager: the subnet its
 * traffic leaves from, that subnet's route table, the address it leaves with, and the VPC's
 * endpoints. Each read is its own {@link Fetched}, so one denied call leaves the rest usable.
 *
 * @param placement              whether the task's own ENI or its container instance carries the traffic
 * @param originId               the ENI id ({@code eni-...}) or the EC2 instance id ({@code i-...})
 * @param subnetId               the subnet, as the task attachment or the instance names it
 * @param subnet                 the subnet as ec2:DescribeSubnets reports it
 * @param networkInterface       the interface the traffic leaves from: public IP and security groups
 * @param routeTable             the subnet's explicit route table, else the VPC's main one
 * @param vpcEndpoints           every endpoint the account can see in the VPC
 * @param endpointSubnets        the subnets of the VPC's interface endpoints (their AZs and CIDRs);
 *                               Absent when the VPC has no interface endpoint
 * @param taskSecurityGroups     the security groups of {@code networkInterface}; read only when the
 *                               VPC has an ssmmessages interface endpoint, Absent otherwise
 * @param endpointSecurityGroups the security groups of the VPC's ssmmessages interface endpoints;
 *                               Absent when there is none
 * @param vpcDns                 the VPC's DNS attributes; read only when the VPC has an ssmmessages
 *                               interface endpoint, Absent otherwise
 * @param networkAcls            the VPC's network ACLs (the task's subnet's and the endpoints' subnets'
 *                               among them), read once per VPC
 */
public record NetworkPath(
        NetworkPlacement placement,
        String originId,
        String subnetId,
        Fetched<Subnet> subnet,
        Fetched<NetworkInterface> networkInterface,
        Fetched<RouteTable> routeTable,
        Fetched<List<VpcEndpoint>> vpcEndpoints,
        Fetched<List<Subnet>> endpointSubnets,
        Fetched<List<SecurityGroup>> taskSecurityGroups,
        Fetched<List<SecurityGroup>> endpointSecurityGroups,
        Fetched<VpcDnsSettings> vpcDns,
        Fetched<List<NetworkAcl>> networkAcls) {

    public NetworkPath {
        Objects.requireNonNull(placement, "placement");
        Objects.requireNonNull(originId, "originId");
        Objects.requireNonNull(subnetId, "subnetId");
        Objects.requireNonNull(subnet, "subnet");
        Objects.requireNonNull(networkInterface, "networkInterface");
        Objects.requireNonNull(routeTable, "routeTable");
        Objects.requireNonNull(vpcEndpoints, "vpcEndpoints");
        Objects.requireNonNull(endpointSubnets, "endpointSubnets");
        Objects.requireNonNull(taskSecurityGroups, "taskSecurityGroups");
        Objects.requireNonNull(endpointSecurityGroups, "endpointSecurityGroups");
        Objects.requireNonNull(vpcDns, "vpcDns");
        Objects.requireNonNull(networkAcls, "networkAcls");
    }
}
