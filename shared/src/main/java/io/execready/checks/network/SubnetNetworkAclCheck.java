package io.execready.checks.network;

import io.execready.checks.support.ShellWords;
import io.execready.checks.network.NetworkReach.Placement;
import io.execready.checks.network.NetworkReach.Reliance;
import io.execready.checks.support.UnreadableFact;
import io.execready.checks.support.Wording;
import io.execready.engine.Check;
import io.execready.engine.CheckDefinition;
import io.execready.engine.CheckResult;
import io.execready.engine.OperatorError;
import io.execready.snapshot.Fetched;
import io.execready.snapshot.NetworkAcl;
import io.execready.snapshot.Subnet;
import io.execready.snapshot.TaskSnapshot;
import io.execready.snapshot.VpcEndpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Network ACLs are stateless: the agent's HTTPS connection needs outbound TCP 443 to Systems
 * Manager from the task's subnet and the return traffic inbound on the ephemeral ports 1024-65535;
 * through an endpoint, the endpoint's subnets need the mirror image. Rules are read in number
 * order, first match wins, as EC2 applies them. A rule whose range only partly covers the
 * destination (a public range other than 0.0.0.0/0, when the destination is Systems Manager's
 * public addresses) cannot be decided without those addresses: UNKNOWN naming the rule.
 */
public final class SubnetNetworkAclCheck implements Check {

    private static final UnreadableFact NETWORK_ACLS = new UnreadableFact("the VPC's network ACLs");
    private static final int HTTPS = 443;
    private static final int EPHEMERAL_FROM = 1024;
    private static final int EPHEMERAL_TO = 65535;
    /** Ranges Systems Manager's public addresses are never in. */
    private static final List<Ipv4Cidr> PRIVATE = List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "127.0.0.0/8")
            .stream().map(c -> Ipv4Cidr.parse(c).orElseThrow()).toList();

    public static final CheckDefinition DEFINITION = CheckDefinition.of(
            "subnet-network-acl",
            "Network ACLs let the agent's HTTPS traffic and its return traffic through",
            "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html")
            .failingWith(OperatorError.HANDSHAKE_TIMEOUT);

    @Override
    public CheckDefinition definition() {
        return DEFINITION;
    }

    @Override
    public CheckResult evaluate(TaskSnapshot snapshot) {
        return NetworkReach.withPlacement(DEFINITION, snapshot, "no network ACL of a VPC applies", SubnetNetworkAclCheck::evaluate);
    }

    /** The other end of the agent's connection: Systems Manager's public addresses, or the endpoint's subnets. */
    private record Peer(String name, String cidrText, Optional<Ipv4Cidr> cidr) {
        static Peer internet() {
            return new Peer("Systems Manager's public addresses", "0.0.0.0/0", Optional.empty());
        }

        static Peer subnet(String name, String cidrBlock) {
            return new Peer(name, cidrBlock, Ipv4Cidr.parse(cidrBlock));
        }
    }

    /** One direction of traffic through one ACL: what it must allow. */
    private record Flow(String subnetId, boolean egress, int fromPort, int toPort, Peer peer) {
        String describe() {
            String ports = fromPort == toPort ? "TCP " + fromPort : "TCP " + fromPort + "-" + toPort;
            return (egress ? "outbound " : "inbound ") + ports + (egress ? " to " : " from ") + peer.name() + " in subnet " + subnetId;
        }
    }

    private sealed interface Decision {
        record Allowed() implements Decision {
        }

        /** @param rule the denying rule's number, or the catch-all's "*" */
        record Denied(String aclId, String rule, Flow flow) implements Decision {
            boolean explicit() {
                return !rule.startsWith("*");
            }
        }

        record Undecidable(String aclId, int rule, Flow flow) implements Decision {
        }

        record NoAcl(String subnetId) implements Decision {
        }
    }

    private static CheckResult evaluate(Placement p) {
        Reliance reliance = NetworkReach.reliance(p);
        return switch (reliance.way()) {
            case NEITHER -> DEFINITION.notApplicable("The exec agent of " + Wording.task(p.target())
                    + " has no way to Systems Manager for a network ACL to block (see ssm-reachable).");
            case UNDETERMINED -> reliance.gap().unknown(DEFINITION);
            case ROUTE_OUT -> judge(p, flowsThroughTaskSubnet(p, Peer.internet()));
            case ENDPOINT -> withEndpointSubnets(p, reliance.ssmEndpoint());
        };
    }

    private static CheckResult withEndpointSubnets(Placement p, VpcEndpoint endpoint) {
        return switch (p.path().endpointSubnets()) {
            case Fetched.Failed<List<Subnet>> failed -> UnreadableFact.ENDPOINT_SUBNETS.unknown(DEFINITION, p.target(), failed);
            case Fetched.Absent<List<Subnet>> absent -> UnreadableFact.ENDPOINT_SUBNETS.missing(DEFINITION, p.target(), absent,
                    "aws ec2 describe-subnets --subnet-ids " + ShellWords.words(endpoint.subnetIds()));
            case Fetched.Present<List<Subnet>> subnets -> {
                List<Flow> flows = new ArrayList<>();
                Peer task = Peer.subnet("the task's subnet " + p.subnet().subnetId(), p.subnet().cidrBlock());
                for (Subnet subnet : subnets.value()) {
                    if (!endpoint.subnetIds().contains(subnet.subnetId())) {
                        continue;
                    }
                    Peer endpointSubnet = Peer.subnet("endpoint " + endpoint.vpcEndpointId() + "'s subnet " + subnet.subnetId(),
                            subnet.cidrBlock());
                    flows.addAll(flowsThroughTaskSubnet(p, endpointSubnet));
                    flows.add(new Flow(subnet.subnetId(), false, HTTPS, HTTPS, task));
                    flows.add(new Flow(subnet.subnetId(), true, EPHEMERAL_FROM, EPHEMERAL_TO, task));
                }
                yield judge(p, flows);
            }
        };
    }

    private static List<Flow> flowsThroughTaskSubnet(Placement p, Peer peer) {
        String subnet = p.subnet().subnetId();
        return List.of(new Flow(subnet, true, HTTPS, HTTPS, peer), new Flow(subnet, false, EPHEMERAL_FROM, EPHEMERAL_TO, peer));
    }

    private static CheckResult judge(Placement p, List<Flow> flows) {
        List<NetworkAcl> acls;
        switch (p.path().networkAcls()) {
            case Fetched.Failed<List<NetworkAcl>> failed -> {
                return NETWORK_ACLS.unknown(DEFINITION, p.target(), failed);
            }
            case Fetched.Absent<List<NetworkAcl>> absent -> {
                return NETWORK_ACLS.missing(DEFINITION, p.target(), absent,
                        "aws ec2 describe-network-acls --filters Name=vpc-id,Values=" + ShellWords.quote(p.subnet().vpcId()));
            }
            case Fetched.Present<List<NetworkAcl>> present -> acls = present.value();
        }
        for (Flow flow : flows) {
            Decision decision = decide(acls, flow);
            switch (decision) {
                case Decision.Allowed allowed -> {
                }
                case Decision.NoAcl none -> {
                    return DEFINITION.unknown("Could not evaluate " + Wording.task(p.target()) + " because no network ACL visible to account "
                                    + p.account() + " is associated with subnet " + none.subnetId() + ".",
                            "Read it with aws ec2 describe-network-acls --filters Name=association.subnet-id,Values=" + ShellWords.quote(none.subnetId())
                                    + " in the account that owns the VPC, then evaluate the task again.")
                            .withEvidence("missing", "network ACL of " + none.subnetId());
                }
                case Decision.Undecidable undecidable -> {
                    return DEFINITION.unknown("Could not tell whether network ACL " + undecidable.aclId() + " allows " + undecidable.flow().describe()
                                    + " for " + Wording.task(p.target()) + ", because its rule " + undecidable.rule()
                                    + " covers only part of the destination's addresses.",
                            "Check rule " + undecidable.rule() + " with aws ec2 describe-network-acls --network-acl-ids " + ShellWords.quote(undecidable.aclId())
                                    + "; allowing 0.0.0.0/0 for this traffic removes the doubt.")
                            .withEvidence("networkAclId", undecidable.aclId())
                            .withEvidence("ruleNumber", Integer.toString(undecidable.rule()));
                }
                case Decision.Denied denied -> {
                    return DEFINITION.fail("Network ACL " + denied.aclId() + " denies " + denied.flow().describe() + " by rule " + denied.rule()
                                    + ", so the exec agent of " + Wording.task(p.target()) + " cannot hold its connection to Systems Manager.",
                            "Add an allow rule" + (denied.explicit() ? " numbered below " + denied.rule() : "")
                                    + " with aws ec2 create-network-acl-entry --network-acl-id " + ShellWords.quote(denied.aclId())
                                    + " --rule-number RULE_NUMBER --protocol tcp --port-range From=" + denied.flow().fromPort() + ",To=" + denied.flow().toPort()
                                    + (denied.flow().egress() ? " --egress" : " --ingress") + " --cidr-block "
                                    + ShellWords.quote(denied.flow().peer().cidrText())
                                    + " --rule-action allow.")
                            .withEvidence("networkAclId", denied.aclId())
                            .withEvidence("ruleNumber", denied.rule());
                }
            }
        }
        return DEFINITION.pass("The network ACLs of " + Wording.task(p.target()) + "'s path to Systems Manager allow " + flows.size()
                        + " needed flows (" + Wording.list(flows.stream().map(Flow::describe).toList()) + ").")
                .withEvidence("networkAclFlows", Integer.toString(flows.size()));
    }

    private static Decision decide(List<NetworkAcl> acls, Flow flow) {
        Optional<NetworkAcl> acl = acls.stream().filter(a -> a.subnetIds().contains(flow.subnetId())).findFirst();
        if (acl.isEmpty()) {
            return new Decision.NoAcl(flow.subnetId());
        }
        List<int[]> remaining = new ArrayList<>(List.of(new int[] {flow.fromPort(), flow.toPort()}));
        for (NetworkAcl.Entry rule : acl.get().rules(flow.egress())) {
            Optional<Ipv4Cidr> ruleRange = Ipv4Cidr.parse(rule.cidrBlock());
            if (ruleRange.isEmpty() || !("-1".equals(rule.protocol()) || "6".equals(rule.protocol()))) {
                continue;
            }
            Coverage coverage = coverage(ruleRange.get(), flow.peer());
            if (coverage == Coverage.NONE) {
                continue;
            }
            int from = "-1".equals(rule.protocol()) || rule.fromPort() == null ? 0 : rule.fromPort();
            int to = "-1".equals(rule.protocol()) || rule.toPort() == null ? EPHEMERAL_TO : rule.toPort();
            boolean touches = remaining.stream().anyMatch(r -> r[0] <= to && from <= r[1]);
            if (!touches) {
                continue;
            }
            if (coverage == Coverage.PARTIAL) {
                return new Decision.Undecidable(acl.get().networkAclId(), rule.ruleNumber(), flow);
            }
            if (!rule.allow()) {
                return new Decision.Denied(acl.get().networkAclId(), rule.ruleNumber() == 32767 ? "* (the default deny)" : Integer.toString(rule.ruleNumber()), flow);
            }
            remaining = without(remaining, from, to);
            if (remaining.isEmpty()) {
                return new Decision.Allowed();
            }
        }
        // No rule left but the implicit catch-all, which denies.
        return new Decision.Denied(acl.get().networkAclId(), "* (the default deny)", flow);
    }

    private enum Coverage { FULL, PARTIAL, NONE }

    private static Coverage coverage(Ipv4Cidr rule, Peer peer) {
        if (peer.cidr().isPresent()) {
            Ipv4Cidr destination = peer.cidr().get();
            return rule.contains(destination) ? Coverage.FULL : rule.overlaps(destination) ? Coverage.PARTIAL : Coverage.NONE;
        }
        if (rule.prefixLength() == 0) {
            return Coverage.FULL;
        }
        return PRIVATE.stream().anyMatch(privateRange -> privateRange.contains(rule)) ? Coverage.NONE : Coverage.PARTIAL;
    }

    private static List<int[]> without(List<int[]> ranges, int from, int to) {
        List<int[]> left = new ArrayList<>();
        for (int[] r : ranges) {
            if (to < r[0] || from > r[1]) {
                left.add(r);
                continue;
            }
            if (r[0] < from) {
                left.add(new int[] {r[0], from - 1});
            }
            if (to < r[1]) {
                left.add(new int[] {to + 1, r[1]});
            }
        }
        return left;
    }
}
