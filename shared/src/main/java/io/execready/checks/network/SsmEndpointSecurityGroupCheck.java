package io.execready.checks.network;

import io.execready.checks.support.ShellWords;
import io.execready.checks.network.NetworkReach.EndpointUse;
import io.execready.checks.network.NetworkReach.Placement;
import io.execready.checks.support.UnreadableFact;
import io.execready.checks.support.Wording;
import io.execready.engine.CauseResource;
import io.execready.engine.Check;
import io.execready.engine.CheckDefinition;
import io.execready.engine.CheckResult;
import io.execready.engine.OperatorError;
import io.execready.snapshot.Fetched;
import io.execready.snapshot.NetworkInterface;
import io.execready.snapshot.SecurityGroup;
import io.execready.snapshot.SecurityGroupRule;
import io.execready.snapshot.Subnet;
import io.execready.snapshot.TaskSnapshot;
import io.execready.snapshot.VpcEndpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * When the exec agent reaches ssmmessages through the VPC's interface endpoint, security groups
 * on both sides decide: the endpoint's must let TCP 443 in from the task (its security groups or
 * its subnet's CIDR), the task's must let TCP 443 out towards the endpoint (its security groups or
 * a CIDR covering one of its subnets).
 *
 * <p>Traffic relies on the endpoint whenever a usable one exists: its private DNS name answers for
 * ssmmessages.REGION.amazonaws.com in the whole VPC, so even a task with a NAT route is sent to it.
 * Without a usable endpoint the check does not apply (ssm-reachable judges the route instead),
 * unless there is no route out and the endpoints could not be read.
 */
public final class SsmEndpointSecurityGroupCheck implements Check {

    public static final CheckDefinition DEFINITION = CheckDefinition.of(
            "ssm-endpoint-security-group",
            "Security groups let the task reach its ssmmessages endpoint",
            "https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html")
            .failingWith(OperatorError.TARGET_NOT_CONNECTED);

    static final int HTTPS = 443;

    @Override
    public CheckDefinition definition() {
        return DEFINITION;
    }

    @Override
    public CheckResult evaluate(TaskSnapshot snapshot) {
        return NetworkReach.withPlacement(DEFINITION, snapshot, "no VPC endpoint is involved", SsmEndpointSecurityGroupCheck::evaluate);
    }

    private static CheckResult evaluate(Placement p) {
        EndpointUse endpoint = NetworkReach.interfaceEndpoint(p, NetworkReach.SSM_MESSAGES);
        return switch (endpoint.kind()) {
            case USABLE -> judge(p, endpointById(p, endpoint.endpointId()));
            case UNDETERMINED -> NetworkReach.egress(p).leadsOut() ? notRelied(p, endpoint) : endpoint.gap().unknown(DEFINITION);
            case NONE, UNUSABLE -> notRelied(p, endpoint);
        };
    }

    private static CheckResult notRelied(Placement p, EndpointUse endpoint) {
        return DEFINITION.notApplicable("VPC " + p.subnet().vpcId() + " of " + Wording.task(p.target()) + " " + endpoint.explanation()
                + ", so no endpoint security group stands between the exec agent and Systems Manager (ssm-reachable judges its route).");
    }

    private static VpcEndpoint endpointById(Placement p, String id) {
        return p.path().vpcEndpoints().asOptional().orElseThrow().stream()
                .filter(e -> e.vpcEndpointId().equals(id))
                .findFirst()
                .orElseThrow();
    }

    private static CheckResult judge(Placement p, VpcEndpoint endpoint) {
        List<SecurityGroup> taskGroups;
        List<SecurityGroup> endpointGroups;
        switch (p.path().taskSecurityGroups()) {
            case Fetched.Present<List<SecurityGroup>> present -> taskGroups = present.value();
            case Fetched.Failed<List<SecurityGroup>> failed -> {
                return UnreadableFact.SECURITY_GROUPS.unknown(DEFINITION, p.target(), failed);
            }
            case Fetched.Absent<List<SecurityGroup>> absent -> {
                return UnreadableFact.SECURITY_GROUPS.missing(DEFINITION, p.target(), absent,
                        "aws ec2 describe-network-interfaces --network-interface-ids " + ShellWords.quote(p.path().originId()));
            }
        }
        switch (p.path().endpointSecurityGroups()) {
            case Fetched.Present<List<SecurityGroup>> present -> endpointGroups = present.value().stream()
                    .filter(g -> endpoint.securityGroupIds().contains(g.groupId()))
                    .toList();
            case Fetched.Failed<List<SecurityGroup>> failed -> {
                return UnreadableFact.SECURITY_GROUPS.unknown(DEFINITION, p.target(), failed);
            }
            case Fetched.Absent<List<SecurityGroup>> absent -> {
                return UnreadableFact.SECURITY_GROUPS.missing(DEFINITION, p.target(), absent,
                        "aws ec2 describe-vpc-endpoints --vpc-endpoint-ids " + ShellWords.quote(endpoint.vpcEndpointId()));
            }
        }
        List<String> taskGroupIds = p.path().networkInterface().asOptional().map(NetworkInterface::securityGroupIds).orElse(List.of());
        List<String> unseen = new ArrayList<>();
        endpoint.securityGroupIds().stream().filter(id -> endpointGroups.stream().noneMatch(g -> g.groupId().equals(id))).forEach(unseen::add);
        taskGroupIds.stream().filter(id -> taskGroups.stream().noneMatch(g -> g.groupId().equals(id))).forEach(unseen::add);
        if (!unseen.isEmpty()) {
            return DEFINITION.unknown(
                            "Could not judge access from " + Wording.task(p.target()) + " to ssmmessages endpoint " + endpoint.vpcEndpointId()
                                    + ", because security " + (unseen.size() == 1 ? "group " : "groups ") + Wording.list(unseen)
                                    + (unseen.size() == 1 ? " is" : " are") + " not visible to account " + p.account() + ".",
                            "Check in the account that owns " + (unseen.size() == 1 ? "it" : "them") + " that TCP 443 is allowed from the task to the endpoint"
                                    + " with aws ec2 describe-security-groups --group-ids " + ShellWords.words(unseen) + ".")
                    .withEvidence("vpcEndpointId", endpoint.vpcEndpointId());
        }

        Set<String> taskIds = Set.copyOf(taskGroupIds);
        Set<String> endpointIds = Set.copyOf(endpoint.securityGroupIds());
        Optional<Ipv4Cidr> taskSubnet = Ipv4Cidr.parse(p.subnet().cidrBlock());
        Optional<Ipv4Cidr> taskAddress = p.path().networkInterface().asOptional()
                .flatMap(n -> Ipv4Cidr.parse(n.privateIpAddress()));
        List<Ipv4Cidr> endpointSubnets = p.path().endpointSubnets().asOptional().orElse(List.of()).stream()
                .filter(s -> endpoint.subnetIds().contains(s.subnetId()))
                .map(Subnet::cidrBlock)
                .flatMap(cidr -> Ipv4Cidr.parse(cidr).stream())
                .toList();

        boolean inboundAllowed = endpointGroups.stream().flatMap(g -> g.inbound().stream())
                .anyMatch(rule -> rule.coversTcpPort(HTTPS) && (references(rule, taskIds) || coversAny(rule, taskSubnet.stream().toList())
                        || coversAny(rule, taskAddress.stream().toList())));
        boolean outboundAllowed = taskGroups.stream().flatMap(g -> g.outbound().stream())
                .anyMatch(rule -> rule.coversTcpPort(HTTPS) && (references(rule, endpointIds) || coversAny(rule, endpointSubnets)
                        || rule.cidrBlocks().contains(NetworkReach.ANYWHERE)));

        String groups = "endpoint " + endpoint.vpcEndpointId() + " (security " + plural(endpoint.securityGroupIds()) + ") and "
                + Wording.task(p.target()) + " (security " + plural(taskGroupIds) + ")";
        if (inboundAllowed && outboundAllowed) {
            return DEFINITION.pass("Security groups let TCP 443 through between ssmmessages " + groups + ".")
                    .withEvidence("vpcEndpointId", endpoint.vpcEndpointId())
                    .withCause(new CauseResource.Ec2VpcEndpoint(endpoint, p.subnet().vpcId()));
        }
        List<String> blocked = new ArrayList<>();
        List<String> fixes = new ArrayList<>();
        String endpointGroup = endpoint.securityGroupIds().isEmpty() ? "ENDPOINT_SECURITY_GROUP_ID" : endpoint.securityGroupIds().getFirst();
        String taskGroup = taskGroupIds.isEmpty() ? "TASK_SECURITY_GROUP_ID" : taskGroupIds.getFirst();
        if (!inboundAllowed) {
            blocked.add("the endpoint's security groups let no TCP 443 in from the task's security groups or subnet "
                    + (p.subnet().cidrBlock() == null ? p.subnet().subnetId() : p.subnet().cidrBlock()));
            fixes.add("aws ec2 authorize-security-group-ingress --group-id " + ShellWords.quote(endpointGroup) + " --protocol tcp --port 443 --source-group " + ShellWords.quote(taskGroup));
        }
        if (!outboundAllowed) {
            blocked.add("the task's security groups let no TCP 443 out towards the endpoint");
            fixes.add("aws ec2 authorize-security-group-egress --group-id " + ShellWords.quote(taskGroup)
                    + " --ip-permissions " + ShellWords.quote("IpProtocol=tcp,FromPort=443,ToPort=443,UserIdGroupPairs=[{GroupId=" + endpointGroup + "}]"));
        }
        return DEFINITION.fail(
                        "Between ssmmessages " + groups + ", " + Wording.list(blocked) + ", so the exec agent cannot open its channels.",
                        "Allow TCP 443 with " + String.join(" and ", fixes) + ".")
                .withEvidence("vpcEndpointId", endpoint.vpcEndpointId())
                .withEvidence("inbound443", String.valueOf(inboundAllowed))
                .withEvidence("outbound443", String.valueOf(outboundAllowed))
                .withCause(blockingGroup(p, endpoint, inboundAllowed ? taskGroups : endpointGroups));
    }

    /** The group to change: the endpoint's when nothing lets 443 in, else the task's; the endpoint when neither was read. */
    private static CauseResource blockingGroup(Placement p, VpcEndpoint endpoint, List<SecurityGroup> groups) {
        return groups.isEmpty()
                ? new CauseResource.Ec2VpcEndpoint(endpoint, p.subnet().vpcId())
                : new CauseResource.Ec2SecurityGroup(groups.getFirst(), p.subnet().vpcId());
    }

    private static boolean references(SecurityGroupRule rule, Set<String> groupIds) {
        return rule.groupIds().stream().anyMatch(groupIds::contains);
    }

    private static boolean coversAny(SecurityGroupRule rule, List<Ipv4Cidr> ranges) {
        return rule.cidrBlocks().stream()
                .flatMap(cidr -> Ipv4Cidr.parse(cidr).stream())
                .anyMatch(allowed -> ranges.stream().anyMatch(allowed::contains));
    }

    private static String plural(List<String> groupIds) {
        if (groupIds.isEmpty()) {
            return "groups: none";
        }
        return (groupIds.size() == 1 ? "group " : "groups ") + Wording.list(groupIds);
    }
}
