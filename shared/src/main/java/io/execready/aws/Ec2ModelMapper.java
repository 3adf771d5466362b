package io.execready.aws;

import io.execready.snapshot.Ec2Instance;
import io.execready.snapshot.InstanceMetadataOptions;
import io.execready.snapshot.NetworkAcl;
import io.execready.snapshot.NetworkInterface;
import io.execready.snapshot.Route;
import io.execready.snapshot.RouteTable;
import io.execready.snapshot.SecurityGroup;
import io.execready.snapshot.SecurityGroupRule;
import io.execready.snapshot.Subnet;
import io.execready.snapshot.VpcEndpoint;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import software.amazon.awssdk.services.ec2.model.GroupIdentifier;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.NetworkAclAssociation;
import software.amazon.awssdk.services.ec2.model.RuleAction;
import software.amazon.awssdk.services.ec2.model.InstanceNetworkInterface;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.SecurityGroupIdentifier;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;

/** Maps EC2 SDK models to snapshot records. */
final class Ec2ModelMapper {

    private Ec2ModelMapper() {
    }

    static Subnet subnet(software.amazon.awssdk.services.ec2.model.Subnet s) {
        return new Subnet(s.subnetId(), s.vpcId(), s.availabilityZone(), s.cidrBlock(), s.ownerId());
    }

    static RouteTable routeTable(software.amazon.awssdk.services.ec2.model.RouteTable t, boolean main) {
        return new RouteTable(t.routeTableId(), t.vpcId(), main, t.routes().stream().map(Ec2ModelMapper::route).toList());
    }

    static NetworkInterface networkInterface(software.amazon.awssdk.services.ec2.model.NetworkInterface n) {
        return new NetworkInterface(n.networkInterfaceId(), n.subnetId(), n.vpcId(), n.availabilityZone(), n.privateIpAddress(),
                n.association() == null ? null : n.association().publicIp(),
                n.groups().stream().map(GroupIdentifier::groupId).toList());
    }

    static VpcEndpoint vpcEndpoint(software.amazon.awssdk.services.ec2.model.VpcEndpoint e) {
        return new VpcEndpoint(e.vpcEndpointId(), e.serviceName(), e.vpcEndpointTypeAsString(), e.stateAsString(),
                Boolean.TRUE.equals(e.privateDnsEnabled()), e.subnetIds(),
                e.groups().stream().map(SecurityGroupIdentifier::groupId).toList(), e.routeTableIds(), e.policyDocument());
    }

    static SecurityGroup securityGroup(software.amazon.awssdk.services.ec2.model.SecurityGroup g) {
        return new SecurityGroup(g.groupId(), g.ownerId(),
                g.ipPermissions().stream().map(Ec2ModelMapper::rule).toList(),
                g.ipPermissionsEgress().stream().map(Ec2ModelMapper::rule).toList());
    }

    /**
     * The instance with its primary interface. The instance-level fields (subnet, addresses) describe
     * that interface; its id and security groups come from the interface list when EC2 sends one.
     */
    static Ec2Instance instance(Instance i) {
        Optional<InstanceNetworkInterface> primary = i.networkInterfaces().stream()
                .filter(n -> n.attachment() != null && Integer.valueOf(0).equals(n.attachment().deviceIndex()))
                .findFirst()
                .or(() -> i.networkInterfaces().stream().findFirst());
        List<String> groups = primary.filter(n -> !n.groups().isEmpty())
                .map(n -> n.groups().stream().map(GroupIdentifier::groupId).toList())
                .orElseGet(() -> i.securityGroups().stream().map(GroupIdentifier::groupId).toList());
        NetworkInterface primaryInterface = i.subnetId() == null ? null : new NetworkInterface(
                primary.map(InstanceNetworkInterface::networkInterfaceId).orElse(i.instanceId()), i.subnetId(), i.vpcId(),
                i.placement() == null ? null : i.placement().availabilityZone(),
                i.privateIpAddress(), i.publicIpAddress(), groups);
        InstanceMetadataOptions metadata = i.metadataOptions() == null ? null : new InstanceMetadataOptions(
                i.metadataOptions().httpEndpointAsString(), i.metadataOptions().httpTokensAsString(), i.metadataOptions().httpPutResponseHopLimit());
        return new Ec2Instance(i.instanceId(), primaryInterface, i.iamInstanceProfile() == null ? null : i.iamInstanceProfile().arn(), metadata);
    }

    static NetworkAcl networkAcl(software.amazon.awssdk.services.ec2.model.NetworkAcl a) {
        return new NetworkAcl(a.networkAclId(),
                a.associations().stream().map(NetworkAclAssociation::subnetId).toList(),
                a.entries().stream().map(e -> new NetworkAcl.Entry(
                        e.ruleNumber() == null ? 0 : e.ruleNumber(), Boolean.TRUE.equals(e.egress()), e.protocol(),
                        e.ruleAction() == RuleAction.ALLOW, e.cidrBlock(),
                        e.portRange() == null ? null : e.portRange().from(), e.portRange() == null ? null : e.portRange().to())).toList());
    }

    /** The route's target: whichever of the mutually exclusive target fields EC2 set. */
    private static Route route(software.amazon.awssdk.services.ec2.model.Route r) {
        String target = Stream.of(r.natGatewayId(), r.gatewayId(), r.transitGatewayId(), r.networkInterfaceId(),
                        r.vpcPeeringConnectionId(), r.instanceId(), r.egressOnlyInternetGatewayId(), r.carrierGatewayId(),
                        r.localGatewayId(), r.coreNetworkArn())
                .filter(id -> id != null && !id.isBlank())
                .findFirst()
                .orElse(null);
        return new Route(r.destinationCidrBlock(), target, r.stateAsString());
    }

    private static SecurityGroupRule rule(IpPermission p) {
        List<String> cidrs = p.ipRanges().stream().map(IpRange::cidrIp).toList();
        List<String> groups = p.userIdGroupPairs().stream().map(UserIdGroupPair::groupId).toList();
        return new SecurityGroupRule(p.ipProtocol(), p.fromPort(), p.toPort(), cidrs, groups);
    }
}
