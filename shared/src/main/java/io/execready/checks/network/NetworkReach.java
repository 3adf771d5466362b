package io.execready.checks.network;

import io.execready.checks.support.ShellWords;
import io.execready.checks.support.RemediationCommands;
import io.execready.checks.support.UnreadableFact;
import io.execready.checks.support.Wording;
import io.execready.engine.CheckDefinition;
import io.execready.engine.CauseResource;
import io.execready.engine.CheckResult;
import io.execready.snapshot.EcsTask;
import io.execready.snapshot.EvaluatedTask;
import io.execready.snapshot.Fetched;
import io.execready.snapshot.NetworkInterface;
import io.execready.snapshot.NetworkPath;
import io.execready.snapshot.NetworkPlacement;
import io.execready.snapshot.ReadFailure;
import io.execready.snapshot.Route;
import io.execready.snapshot.RouteTable;
import io.execready.snapshot.Subnet;
import io.execready.snapshot.TaskSnapshot;
import io.execready.snapshot.VpcEndpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a task's network facts say about its ways to Systems Manager, shared by the network checks
 * so that they agree: a route out (a NAT gateway, or an internet gateway with a public IP) and
 * usable VPC endpoints. A fact that could not be read, or that a shared VPC's owner keeps out of
 * the task account's sight, leaves the answer undetermined: never a guess either way.
 */
public final class NetworkReach {

    static final String SSM_MESSAGES = "ssmmessages";
    static final String ANYWHERE = "0.0.0.0/0";

    private NetworkReach() {
    }

    /** Builds the UNKNOWN result for a question the facts could not answer. */
    @FunctionalInterface
    public interface Gap {
        CheckResult unknown(CheckDefinition definition);
    }

    public enum RouteOut { NAT_GATEWAY, INTERNET_GATEWAY, NONE, UNDETERMINED }

    /**
     * The subnet's way to the internet.
     *
     * @param kind        the verdict
     * @param explanation what the routes say, as a clause after the subnet's name
     * @param gap         how to report UNDETERMINED; null for the other kinds
     */
    public record Egress(RouteOut kind, String explanation, Gap gap) {
        boolean leadsOut() {
            return kind == RouteOut.NAT_GATEWAY || kind == RouteOut.INTERNET_GATEWAY;
        }
    }

    public enum Availability { USABLE, UNUSABLE, NONE, UNDETERMINED }

    /**
     * Whether the VPC has a usable endpoint for one service.
     *
     * @param service     ssmmessages, kms, logs, s3
     * @param kind        the verdict
     * @param explanation what the VPC has, as a clause after the VPC's name
     * @param fix         the command that makes it usable, for NONE and UNUSABLE; else empty
     * @param endpointId  the endpoint judged, or null when there is none
     * @param gap         how to report UNDETERMINED; null for the other kinds
     */
    public record EndpointUse(String service, Availability kind, String explanation, String fix, String endpointId, Gap gap) {
    }

    /**
     * A task whose subnet is known: the network checks' common ground.
     *
     * @param target the task
     * @param path   its network path
     * @param subnet its subnet, as read
     */
    public record Placement(EvaluatedTask target, NetworkPath path, Subnet subnet) {

        EcsTask task() {
            return target.task();
        }

        String account() {
            return task().arn().accountId();
        }

        String region() {
            return task().arn().region();
        }

        boolean sharedVpc() {
            return subnet.ownedByAnotherAccountThan(account());
        }

        /** The subnet's AZ, else the one the task reports. */
        String availabilityZone() {
            return subnet.availabilityZone() != null ? subnet.availabilityZone() : task().availabilityZone();
        }

        /** "ENI eni-1" or "EC2 instance i-1 (whose network the task shares)". */
        String origin() {
            return path.placement() == NetworkPlacement.TASK_NETWORK_INTERFACE
                    ? "ENI " + path.originId()
                    : "EC2 instance " + path.originId() + " (whose network the task shares)";
        }

        /** "subnet subnet-1 of task 0a1b in cluster prod". */
        String subnetOfTask() {
            return "subnet " + subnet.subnetId() + " of " + Wording.task(target);
        }

        /** {@code com.amazonaws.REGION.SERVICE}, with China's {@code cn.} prefix in aws-cn. */
        String serviceName(String service) {
            String name = "com.amazonaws." + region() + "." + service;
            return "aws-cn".equals(task().arn().partition()) ? "cn." + name : name;
        }

        Optional<RouteTable> routeTable() {
            return path.routeTable().asOptional();
        }

        /** What decides the task's way out: its subnet's route table where it was read, else the subnet. */
        CauseResource routeCause() {
            return routeTable().map(CauseResource::routeTable).orElseGet(() -> CauseResource.subnet(subnet));
        }

        /** The endpoint judged for a service, or the endpoint the VPC lacks. */
        CauseResource endpointCause(EndpointUse use) {
            if (use.endpointId() == null) {
                return new CauseResource.MissingVpcEndpoint(subnet.vpcId(), serviceName(use.service()));
            }
            return path.vpcEndpoints().asOptional().orElse(List.of()).stream()
                    .filter(e -> e.vpcEndpointId().equals(use.endpointId()))
                    .findFirst()
                    .<CauseResource>map(e -> new CauseResource.Ec2VpcEndpoint(e, subnet.vpcId()))
                    .orElseGet(() -> CauseResource.other(use.endpointId()));
        }
    }

    /**
     * Runs {@code evaluation} when the task's subnet is known; else the check ends here: NOT_APPLICABLE
     * outside any VPC (ECS Anywhere, {@code outsideVpcClause} says what does not apply), UNKNOWN when
     * the subnet could not be found or read.
     */
    public static CheckResult withPlacement(CheckDefinition definition, TaskSnapshot snapshot, String outsideVpcClause,
                                     Function<Placement, CheckResult> evaluation) {
        return switch (snapshot.networkPath()) {
            case Fetched.Absent<NetworkPath> absent -> definition.notApplicable(
                    Wording.capitalised(Wording.task(snapshot.target())) + " runs on ECS Anywhere, outside any VPC, so " + outsideVpcClause + ".");
            case Fetched.Failed<NetworkPath> failed -> placementUnknown(definition, snapshot.target(), failed);
            case Fetched.Present<NetworkPath> present -> switch (present.value().subnet()) {
                case Fetched.Present<Subnet> subnet -> evaluation.apply(new Placement(snapshot.target(), present.value(), subnet.value()))
                        .withEvidence("subnetId", subnet.value().subnetId());
                case Fetched.Failed<Subnet> failed -> UnreadableFact.SUBNET.unknown(definition, snapshot.target(), failed);
                case Fetched.Absent<Subnet> absent -> UnreadableFact.SUBNET.missing(definition, snapshot.target(), absent,
                        "aws ec2 describe-subnets --subnet-ids " + ShellWords.quote(present.value().subnetId()));
            };
        };
    }

    /**
     * A subnet that could not be read is reported by the failure's kind; one that the task's own record
     * (or its instance) does not name, or that is gone, asks to look at the task.
     */
    private static CheckResult placementUnknown(CheckDefinition definition, EvaluatedTask target, Fetched.Failed<NetworkPath> failed) {
        EcsTask task = target.task();
        ReadFailure failure = failed.failure();
        return switch (failure.kind()) {
            case NOT_FOUND, INVALID_RESPONSE -> definition.unknown(
                            "Could not find the subnet of " + Wording.task(target) + ": " + Wording.clause(failure.detail()) + ".",
                            "Read the task's attachments and container instance with "
                                    + RemediationCommands.describeTask(task, "tasks[0].[attachments,containerInstanceArn]")
                                    + ", then evaluate the task again.")
                    .withEvidence("missing", Wording.clause(failure.detail()))
                    .withEvidence("failedAction", failure.action())
                    .withEvidence("failureKind", failure.kind().name())
                    .withReadFailures(List.of(failure));
            case DENIED, THROTTLED, UNREACHABLE, TIMED_OUT, REJECTED, UNEXPECTED -> UnreadableFact.NETWORK_PATH.unknown(definition, target, failed);
        };
    }

    /** What the subnet's route table says about 0.0.0.0/0. */
    public static Egress egress(Placement p) {
        return switch (p.path().routeTable()) {
            case Fetched.Failed<RouteTable> failed -> new Egress(RouteOut.UNDETERMINED, "has a route table that could not be read",
                    definition -> UnreadableFact.ROUTE_TABLE.unknown(definition, p.target(), failed));
            case Fetched.Absent<RouteTable> absent -> {
                String why = p.sharedVpc()
                        ? "has a route table that account " + p.account() + " cannot see (VPC owner account " + p.subnet().ownerId() + " controls it)"
                        : "has no route table this account can see (" + Wording.clause(absent.description()) + ")";
                yield new Egress(RouteOut.UNDETERMINED, why, definition -> definition.unknown(
                                "Could not tell whether " + p.subnetOfTask() + " has a route out, because it " + why + ".",
                                "In account " + (p.subnet().ownerId() == null ? p.account() : p.subnet().ownerId())
                                        + ", read the subnet's routes with aws ec2 describe-route-tables --filters Name=association.subnet-id,Values="
                                        + ShellWords.quote(p.subnet().subnetId()) + " (or the VPC's main table) and make sure 0.0.0.0/0 goes through a NAT gateway, "
                                        + "or that the VPC has a " + p.serviceName(SSM_MESSAGES) + " endpoint.")
                        .withEvidence("routeTable", "not visible"));
            }
            case Fetched.Present<RouteTable> present -> fromRoutes(p, present.value());
        };
    }

    private static Egress fromRoutes(Placement p, RouteTable table) {
        String tableText = "route table " + table.routeTableId() + (table.main() ? ", the VPC's main table" : "");
        Optional<Route> defaultRoute = table.routes().stream().filter(r -> ANYWHERE.equals(r.destinationCidrBlock())).findFirst();
        if (defaultRoute.isEmpty()) {
            return new Egress(RouteOut.NONE, "has no route to 0.0.0.0/0 (" + tableText + ")", null);
        }
        Route route = defaultRoute.get();
        String target = route.target() == null ? "" : route.target();
        if (!route.isActive()) {
            return new Egress(RouteOut.NONE, "routes 0.0.0.0/0 to " + targetKind(target) + " " + target + " (" + tableText
                    + "), but that route is a blackhole because its target is gone", null);
        }
        if (target.startsWith("nat-")) {
            return new Egress(RouteOut.NAT_GATEWAY, "routes 0.0.0.0/0 through NAT gateway " + target + " (" + tableText + ")", null);
        }
        if (target.startsWith("igw-")) {
            return throughInternetGateway(p, target, tableText);
        }
        String why = "routes 0.0.0.0/0 to " + targetKind(target) + " " + target + " (" + tableText
                + "), whose way to the internet lies outside what ExecReady reads";
        return new Egress(RouteOut.UNDETERMINED, why, definition -> definition.unknown(
                        "Could not tell whether " + p.subnetOfTask() + " reaches Systems Manager, because it " + why + ".",
                        "Make sure that path reaches ssmmessages." + p.region() + ".amazonaws.com on TCP 443, or give the VPC an endpoint with "
                                + createInterfaceEndpoint(p, SSM_MESSAGES) + ".")
                .withEvidence("defaultRouteTarget", target));
    }

    private static Egress throughInternetGateway(Placement p, String gateway, String tableText) {
        String routeText = "routes 0.0.0.0/0 to internet gateway " + gateway + " (" + tableText + ")";
        return switch (p.path().networkInterface()) {
            case Fetched.Present<NetworkInterface> present when present.value().hasPublicIp() -> new Egress(RouteOut.INTERNET_GATEWAY,
                    routeText + " and " + p.origin() + " has public IP " + present.value().publicIpAddress(), null);
            case Fetched.Present<NetworkInterface> present -> new Egress(RouteOut.NONE,
                    routeText + ", but " + p.origin() + " has no public IP to leave with", null);
            case Fetched.Failed<NetworkInterface> failed -> new Egress(RouteOut.UNDETERMINED,
                    routeText + ", and whether " + p.origin() + " has a public IP could not be read",
                    definition -> UnreadableFact.NETWORK_INTERFACE.unknown(definition, p.target(), failed));
            case Fetched.Absent<NetworkInterface> absent -> new Egress(RouteOut.UNDETERMINED,
                    routeText + ", and " + p.origin() + " no longer exists", definition -> UnreadableFact.NETWORK_INTERFACE.missing(
                            definition, p.target(), absent, "aws ec2 describe-network-interfaces --network-interface-ids " + ShellWords.quote(p.path().originId())));
        };
    }

    private static String targetKind(String target) {
        if (target.startsWith("tgw-")) {
            return "transit gateway";
        }
        if (target.startsWith("eni-")) {
            return "network interface";
        }
        if (target.startsWith("i-")) {
            return "instance";
        }
        if (target.startsWith("pcx-")) {
            return "peering connection";
        }
        if (target.startsWith("vgw-")) {
            return "virtual private gateway";
        }
        if (target.startsWith("vpce-")) {
            return "Gateway Load Balancer endpoint";
        }
        if (target.startsWith("nat-")) {
            return "NAT gateway";
        }
        if (target.startsWith("igw-")) {
            return "internet gateway";
        }
        return "target";
    }

    /** Whether the VPC has a usable interface endpoint for {@code service}. */
    public static EndpointUse interfaceEndpoint(Placement p, String service) {
        return endpoint(p, service, false);
    }

    /** Whether the VPC has a usable S3 endpoint: a gateway endpoint on the subnet's route table, or an interface endpoint. */
    public static EndpointUse s3Endpoint(Placement p) {
        return endpoint(p, "s3", true);
    }

    private static EndpointUse endpoint(Placement p, String service, boolean gatewayCounts) {
        String serviceName = p.serviceName(service);
        return switch (p.path().vpcEndpoints()) {
            case Fetched.Failed<List<VpcEndpoint>> failed -> new EndpointUse(service, Availability.UNDETERMINED,
                    "has endpoints that could not be read", "", null,
                    definition -> UnreadableFact.VPC_ENDPOINTS.unknown(definition, p.target(), failed));
            case Fetched.Absent<List<VpcEndpoint>> absent -> new EndpointUse(service, Availability.UNDETERMINED,
                    "has endpoints that could not be listed (" + Wording.clause(absent.description()) + ")", "", null,
                    definition -> UnreadableFact.VPC_ENDPOINTS.missing(definition, p.target(), absent,
                            "aws ec2 describe-vpc-endpoints --filters Name=vpc-id,Values=" + ShellWords.quote(p.subnet().vpcId())));
            case Fetched.Present<List<VpcEndpoint>> present -> judge(p, service, serviceName, present.value(), gatewayCounts);
        };
    }

    private static EndpointUse judge(Placement p, String service, String serviceName, List<VpcEndpoint> endpoints, boolean gatewayCounts) {
        List<VpcEndpoint> candidates = endpoints.stream()
                .filter(e -> e.serves(service, p.region()) && (e.isInterface() || (gatewayCounts && e.isGateway())))
                .toList();
        if (candidates.isEmpty()) {
            if (p.sharedVpc()) {
                String why = "shows account " + p.account() + " no " + serviceName + " endpoint, and endpoints of VPC owner account "
                        + p.subnet().ownerId() + " are not visible from it";
                return new EndpointUse(service, Availability.UNDETERMINED, why, "", null, definition -> definition.unknown(
                                "Could not tell whether VPC " + p.subnet().vpcId() + " of " + Wording.task(p.target()) + " has a usable "
                                        + serviceName + " endpoint, because it " + why + ".",
                                "In VPC owner account " + p.subnet().ownerId() + ", look for it with aws ec2 describe-vpc-endpoints --filters Name=vpc-id,Values="
                                        + ShellWords.quote(p.subnet().vpcId()) + " Name=service-name,Values=" + ShellWords.quote(serviceName) + ".")
                        .withEvidence("vpcEndpoints", "owner's not visible"));
            }
            String fix = gatewayCounts ? createGatewayEndpoint(p, service) : createInterfaceEndpoint(p, service);
            return new EndpointUse(service, Availability.NONE, "has no " + serviceName + " endpoint", fix, null, null);
        }
        List<String> problems = new ArrayList<>();
        List<String> fixes = new ArrayList<>();
        Gap undetermined = null;
        for (VpcEndpoint endpoint : candidates) {
            Verdict verdict = endpoint.isGateway() ? gatewayVerdict(p, endpoint) : interfaceVerdict(p, endpoint);
            if (verdict.problem() == null && verdict.gap() == null) {
                return new EndpointUse(service, Availability.USABLE, "has the " + serviceName + " " + endpoint.type().toLowerCase(Locale.ROOT)
                        + " endpoint " + endpoint.vpcEndpointId() + " (" + verdict.strengths() + ")", "", endpoint.vpcEndpointId(), null);
            }
            if (verdict.problem() != null) {
                problems.add(endpoint.vpcEndpointId() + ", which " + verdict.problem());
                fixes.add(verdict.fix());
            } else if (undetermined == null) {
                undetermined = verdict.gap();
            }
        }
        if (undetermined != null) {
            return new EndpointUse(service, Availability.UNDETERMINED, "has a " + serviceName + " endpoint whose subnets could not be read",
                    "", candidates.getFirst().vpcEndpointId(), undetermined);
        }
        String explanation = problems.size() == 1
                ? "has only the unusable " + serviceName + " endpoint " + problems.getFirst()
                : "has only unusable " + serviceName + " endpoints: " + Wording.list(problems);
        return new EndpointUse(service, Availability.UNUSABLE, explanation, String.join(", and ", fixes), candidates.getFirst().vpcEndpointId(), null);
    }

    /** One endpoint judged: what is wrong with it and the fix, or what could not be read, or (both null) usable. */
    private record Verdict(String problem, String fix, Gap gap, String strengths) {
        static Verdict usable(String strengths) {
            return new Verdict(null, null, null, strengths);
        }
    }

    private static Verdict interfaceVerdict(Placement p, VpcEndpoint endpoint) {
        String id = endpoint.vpcEndpointId();
        if (!endpoint.isAvailable()) {
            return new Verdict("is " + endpoint.state() + " rather than available",
                    "see why with aws ec2 describe-vpc-endpoints --vpc-endpoint-ids " + ShellWords.quote(id) + " and recreate it with "
                            + createInterfaceEndpoint(p, serviceOf(endpoint)), null, null);
        }
        if (!endpoint.privateDnsEnabled()) {
            return new Verdict("has private DNS off (the service's regional name does not resolve to it)",
                    "aws ec2 modify-vpc-endpoint --vpc-endpoint-id " + ShellWords.quote(id) + " --private-dns-enabled", null, null);
        }
        String zone = p.availabilityZone();
        return switch (p.path().endpointSubnets()) {
            case Fetched.Failed<List<Subnet>> failed -> new Verdict(null, null,
                    definition -> UnreadableFact.ENDPOINT_SUBNETS.unknown(definition, p.target(), failed), null);
            case Fetched.Absent<List<Subnet>> absent -> new Verdict("has no subnet", addSubnet(p, id), null, null);
            // Private DNS answers with the endpoint's addresses in every zone it has, and traffic crosses
            // zones inside the VPC: an endpoint only in other zones works (ssm-endpoint-in-task-az warns).
            case Fetched.Present<List<Subnet>> subnets when endpoint.subnetIds().isEmpty() -> new Verdict("has no subnet", addSubnet(p, id), null, null);
            case Fetched.Present<List<Subnet>> subnets -> Verdict.usable(inTaskZone(p, endpoint, subnets.value())
                    ? "available, private DNS on, with a subnet in " + (zone == null ? "the task's AZ" : zone)
                    : "available, private DNS on, with subnets only in other availability zones than the task's " + zone);
        };
    }

    /** Whether the interface endpoint has a subnet in the task's availability zone (any subnet when the zone is unknown). */
    static boolean inTaskZone(Placement p, VpcEndpoint endpoint, List<Subnet> endpointSubnets) {
        String zone = p.availabilityZone();
        return zone == null
                ? !endpoint.subnetIds().isEmpty()
                : endpointSubnets.stream().anyMatch(s -> endpoint.subnetIds().contains(s.subnetId()) && zone.equals(s.availabilityZone()));
    }

    /** How the exec agent reaches Systems Manager, as the network checks that depend on the way agree on it. */
    public enum Way { ROUTE_OUT, ENDPOINT, NEITHER, UNDETERMINED }

    /**
     * The agent's way to Systems Manager.
     *
     * @param way         the verdict
     * @param ssmEndpoint the usable ssmmessages interface endpoint the agent relies on, for ENDPOINT; else null
     * @param gap         how to report UNDETERMINED; else null
     */
    public record Reliance(Way way, VpcEndpoint ssmEndpoint, Gap gap) {
    }

    /**
     * A route out is used first; without one, a usable ssmmessages interface endpoint is relied on.
     * Anything undetermined that could change that answer leaves it UNDETERMINED.
     */
    public static Reliance reliance(Placement p) {
        Egress egress = egress(p);
        if (egress.leadsOut()) {
            return new Reliance(Way.ROUTE_OUT, null, null);
        }
        EndpointUse use = interfaceEndpoint(p, SSM_MESSAGES);
        if (use.kind() == Availability.USABLE) {
            VpcEndpoint endpoint = p.path().vpcEndpoints().asOptional().orElse(List.of()).stream()
                    .filter(e -> e.vpcEndpointId().equals(use.endpointId())).findFirst().orElseThrow();
            return new Reliance(Way.ENDPOINT, endpoint, null);
        }
        if (egress.kind() == RouteOut.UNDETERMINED) {
            return new Reliance(Way.UNDETERMINED, null, egress.gap());
        }
        if (use.kind() == Availability.UNDETERMINED) {
            return new Reliance(Way.UNDETERMINED, null, use.gap());
        }
        return new Reliance(Way.NEITHER, null, null);
    }

    /** The usable endpoint the agent uses for {@code service} (kms, logs, s3) when it relies on endpoints. */
    public static Optional<VpcEndpoint> usedEndpoint(Placement p, String service) {
        EndpointUse use = "s3".equals(service) ? s3Endpoint(p) : interfaceEndpoint(p, service);
        if (use.kind() != Availability.USABLE) {
            return Optional.empty();
        }
        return p.path().vpcEndpoints().asOptional().orElse(List.of()).stream()
                .filter(e -> e.vpcEndpointId().equals(use.endpointId())).findFirst();
    }

    private static Verdict gatewayVerdict(Placement p, VpcEndpoint endpoint) {
        String id = endpoint.vpcEndpointId();
        if (!endpoint.isAvailable()) {
            return new Verdict("is " + endpoint.state() + " rather than available",
                    "recreate it with " + createGatewayEndpoint(p, serviceOf(endpoint)), null, null);
        }
        Optional<RouteTable> table = p.routeTable();
        if (table.isEmpty()) {
            return new Verdict(null, null, egress(p).gap(), null);
        }
        String tableId = table.get().routeTableId();
        return endpoint.routeTableIds().contains(tableId)
                ? Verdict.usable("available, on route table " + tableId)
                : new Verdict("is not associated with the subnet's route table " + tableId,
                        "aws ec2 modify-vpc-endpoint --vpc-endpoint-id " + ShellWords.quote(id) + " --add-route-table-ids " + ShellWords.quote(tableId), null, null);
    }

    private static String serviceOf(VpcEndpoint endpoint) {
        String name = endpoint.serviceName();
        return name.substring(name.lastIndexOf('.') + 1);
    }

    private static String addSubnet(Placement p, String endpointId) {
        return "aws ec2 modify-vpc-endpoint --vpc-endpoint-id " + ShellWords.quote(endpointId) + " --add-subnet-ids " + ShellWords.quote(p.subnet().subnetId());
    }

    /** The command that creates an interface endpoint for {@code service} next to the task. */
    public static String createInterfaceEndpoint(Placement p, String service) {
        return "aws ec2 create-vpc-endpoint --vpc-id " + ShellWords.quote(p.subnet().vpcId()) + " --vpc-endpoint-type Interface --service-name "
                + ShellWords.quote(p.serviceName(service)) + " --subnet-ids " + ShellWords.quote(p.subnet().subnetId())
                + " --security-group-ids ENDPOINT_SECURITY_GROUP_ID --private-dns-enabled (the group allowing TCP 443 from the task)";
    }

    private static String createGatewayEndpoint(Placement p, String service) {
        String table = p.routeTable().map(RouteTable::routeTableId).orElse("ROUTE_TABLE_ID");
        return "aws ec2 create-vpc-endpoint --vpc-id " + ShellWords.quote(p.subnet().vpcId()) + " --vpc-endpoint-type Gateway --service-name "
                + ShellWords.quote(p.serviceName(service)) + " --route-table-ids " + ShellWords.quote(table);
    }

    /** The command that adds a NAT route to the subnet's route table. */
    public static String addNatRoute(Placement p) {
        String table = p.routeTable().map(RouteTable::routeTableId).orElse("ROUTE_TABLE_ID");
        return "aws ec2 create-route --route-table-id " + ShellWords.quote(table) + " --destination-cidr-block 0.0.0.0/0 --nat-gateway-id NAT_GATEWAY_ID";
    }
}
