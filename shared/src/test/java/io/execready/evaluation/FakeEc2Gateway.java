package io.execready.evaluation;

import io.execready.aws.Ec2Gateway;
import io.execready.aws.Ec2Reads;
import io.execready.fixtures.ReadBarrier;
import io.execready.fixtures.ReadSourceDouble;
import io.execready.snapshot.Ec2Instance;
import io.execready.snapshot.Fetched;
import io.execready.snapshot.NetworkAcl;
import io.execready.snapshot.NetworkInterface;
import io.execready.snapshot.Route;
import io.execready.snapshot.RouteTable;
import io.execready.snapshot.SecurityGroup;
import io.execready.snapshot.Subnet;
import io.execready.snapshot.VpcDnsSettings;
import io.execready.snapshot.VpcEndpoint;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * An EC2 account in memory: one VPC with subnet subnet-1 (10.0.1.0/24, eu-west-1a) whose explicit
 * route table sends 0.0.0.0/0 to a NAT gateway, and the task ENI eni-1. Tests change the maps; every
 * call is recorded as "Action:argument", so a test can tell which reads the loader made. The task's
 * interface is read through it as the {@link Ec2Gateway}; the other EC2 reads ({@link Ec2Reads}) are
 * answered on a {@link ReadSourceDouble} ({@link #answerOn}).
 */
final class FakeEc2Gateway implements Ec2Gateway {

    static final String VPC = "vpc-1";
    static final String SUBNET = "subnet-1";
    static final String ENI = "eni-1";

    final Map<String, Fetched<Subnet>> subnets = new ConcurrentHashMap<>(Map.of(
            SUBNET, Fetched.present(new Subnet(SUBNET, VPC, "eu-west-1a", "10.0.1.0/24", "111122223333"))));
    final Map<String, Fetched<RouteTable>> explicitRouteTables = new ConcurrentHashMap<>(Map.of(
            SUBNET, Fetched.present(new RouteTable("rtb-1", VPC, false, List.of(new Route("0.0.0.0/0", "nat-1", "active"))))));
    final Map<String, Fetched<RouteTable>> mainRouteTables = new ConcurrentHashMap<>();
    final Map<String, Fetched<NetworkInterface>> networkInterfaces = new ConcurrentHashMap<>(Map.of(
            ENI, Fetched.present(new NetworkInterface(ENI, SUBNET, VPC, "eu-west-1a", "10.0.1.25", null, List.of("sg-task")))));
    volatile Fetched<List<VpcEndpoint>> endpoints = Fetched.present(List.of());
    final Map<String, SecurityGroup> securityGroups = new ConcurrentHashMap<>();
    final Map<String, Fetched<Ec2Instance>> instances = new ConcurrentHashMap<>();
    final List<String> calls = new CopyOnWriteArrayList<>();
    /** When set, the first reads wait until this many have started: serial reads time out. */
    volatile CountDownLatch barrier;

    /** Answers the {@link Ec2Reads} on {@code reads} from this account; returns {@code reads}. */
    ReadSourceDouble answerOn(ReadSourceDouble reads) {
        return reads.answer(Ec2Reads.SUBNET, this::describeSubnet)
                .answer(Ec2Reads.SUBNETS, this::describeSubnets)
                .answer(Ec2Reads.SUBNET_ROUTE_TABLE, this::describeSubnetRouteTable)
                .answer(Ec2Reads.MAIN_ROUTE_TABLE, this::describeMainRouteTable)
                .answer(Ec2Reads.VPC_ENDPOINTS, this::describeVpcEndpoints)
                .answer(Ec2Reads.SECURITY_GROUPS, this::describeSecurityGroups)
                .answer(Ec2Reads.INSTANCE, this::describeInstance)
                .answer(Ec2Reads.NETWORK_ACLS, this::describeNetworkAcls)
                .answer(Ec2Reads.VPC_DNS_SETTINGS, this::describeVpcDnsSettings);
    }

    /** A read source that answers the EC2 reads and no other. */
    ReadSourceDouble reads() {
        return answerOn(new ReadSourceDouble());
    }

    private Fetched<Subnet> describeSubnet(String subnetId) {
        record("DescribeSubnets:" + subnetId);
        return subnets.getOrDefault(subnetId, Fetched.absent("subnet " + subnetId + " does not exist"));
    }

    private Fetched<List<Subnet>> describeSubnets(Collection<String> subnetIds) {
        calls.add("DescribeSubnets:" + String.join(",", subnetIds));
        return Fetched.present(subnetIds.stream().map(subnets::get).filter(f -> f != null && f.isPresent())
                .map(f -> f.asOptional().orElseThrow()).toList());
    }

    private Fetched<RouteTable> describeSubnetRouteTable(String subnetId) {
        record("DescribeRouteTables:" + subnetId);
        return explicitRouteTables.getOrDefault(subnetId, Fetched.absent("subnet " + subnetId + " has no explicitly associated route table"));
    }

    private Fetched<RouteTable> describeMainRouteTable(String vpcId) {
        calls.add("DescribeRouteTables:main:" + vpcId);
        return mainRouteTables.getOrDefault(vpcId, Fetched.absent("the main route table of " + vpcId + " is not visible"));
    }

    @Override
    public Fetched<NetworkInterface> describeNetworkInterface(String networkInterfaceId) {
        record("DescribeNetworkInterfaces:" + networkInterfaceId);
        return networkInterfaces.getOrDefault(networkInterfaceId, Fetched.absent("network interface " + networkInterfaceId + " does not exist"));
    }

    private Fetched<List<VpcEndpoint>> describeVpcEndpoints(String vpcId) {
        calls.add("DescribeVpcEndpoints:" + vpcId);
        return endpoints;
    }

    private Fetched<List<SecurityGroup>> describeSecurityGroups(Collection<String> groupIds) {
        calls.add("DescribeSecurityGroups:" + String.join(",", groupIds));
        return Fetched.present(groupIds.stream().map(securityGroups::get).filter(g -> g != null).toList());
    }

    private Fetched<Ec2Instance> describeInstance(String instanceId) {
        calls.add("DescribeInstances:" + instanceId);
        return instances.getOrDefault(instanceId, Fetched.absent("instance " + instanceId + " does not exist"));
    }

    List<String> callsOf(String action) {
        return calls.stream().filter(c -> c.startsWith(action + ":")).toList();
    }

    /** The VPC's ACLs: by default the one a VPC starts with, allowing all traffic on every subnet. */
    volatile Fetched<List<NetworkAcl>> networkAcls = Fetched.present(List.of(new NetworkAcl("acl-1", List.of(SUBNET), List.of(
            new NetworkAcl.Entry(100, true, "-1", true, "0.0.0.0/0", null, null),
            new NetworkAcl.Entry(100, false, "-1", true, "0.0.0.0/0", null, null)))));
    volatile Fetched<VpcDnsSettings> vpcDns = Fetched.present(new VpcDnsSettings(VPC, true, true));

    private Fetched<List<NetworkAcl>> describeNetworkAcls(String vpcId) {
        record("DescribeNetworkAcls:" + vpcId);
        return networkAcls;
    }

    private Fetched<VpcDnsSettings> describeVpcDnsSettings(String vpcId) {
        record("DescribeVpcAttribute:" + vpcId);
        return vpcDns;
    }

    private void record(String call) {
        calls.add(call);
        ReadBarrier.rendezvous(barrier);
    }
}
