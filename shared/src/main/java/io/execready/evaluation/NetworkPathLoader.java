package io.execready.evaluation;

import io.execready.aws.Ec2Gateway;
import io.execready.aws.Ec2Reads;
import io.execready.snapshot.ContainerInstance;
import io.execready.snapshot.Ec2Instance;
import io.execready.snapshot.EcsTask;
import io.execready.snapshot.FailureKind;
import io.execready.snapshot.Fetched;
import io.execready.snapshot.NetworkAcl;
import io.execready.snapshot.NetworkInterface;
import io.execready.snapshot.NetworkPath;
import io.execready.snapshot.NetworkPlacement;
import io.execready.snapshot.EvaluatedTask;
import io.execready.snapshot.NextTaskOf;
import io.execready.snapshot.ReadFailure;
import io.execready.snapshot.RouteTable;
import io.execready.snapshot.SecurityGroup;
import io.execready.snapshot.Subnet;
import io.execready.snapshot.TaskAttachment;
import io.execready.snapshot.VpcDnsSettings;
import io.execready.snapshot.VpcEndpoint;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Reads the network path of one task. The subnet comes from the task's ENI attachment wherever it
 * sits in {@code attachments[]} (Service Connect and EBS attachments may come first), else, for a
 * bridge or host mode task on EC2, from its container instance; the task itself is never read
 * again (a preflight's prospective task has no ENI yet: the interface it will get is taken from its
 * service's settings). Reads run in three waves, each as parallel as its inputs allow:
 *
 * <ol>
 *   <li>the subnet, the ENI and the subnet's explicit route table;</li>
 *   <li>with the VPC id: the main route table (only without an explicit one), the VPC endpoints
 *       (with their policies) and the VPC's network ACLs;</li>
 *   <li>with the endpoints: the interface endpoints' subnets and, only when the VPC has an
 *       ssmmessages interface endpoint, the task's and that endpoint's security groups and the VPC's
 *       DNS attributes.</li>
 * </ol>
 */
final class NetworkPathLoader {

    static final String SSM_MESSAGES = "ssmmessages";
    private static final String DESCRIBE_INSTANCES = Ec2Reads.INSTANCE.action();

    private final Ec2Gateway ec2;
    private final AsyncReads reads;

    NetworkPathLoader(Ec2Gateway ec2, AsyncReads reads) {
        this.ec2 = Objects.requireNonNull(ec2, "ec2");
        this.reads = Objects.requireNonNull(reads, "reads");
    }

    CompletableFuture<Fetched<NetworkPath>> load(EvaluatedTask target, ContainerHost host) {
        EcsTask task = target.task();
        if (host.declaredExternal()) {
            return AsyncReads.done(notInVpc(task));
        }
        Optional<TaskAttachment> eni = task.networkInterface();
        if (eni.isPresent()) {
            return fromTaskInterface(target, eni.get());
        }
        if (task.containerInstanceArn() == null) {
            return AsyncReads.done(Fetched.failed(incompleteTask(task, "reports neither an ENI attachment nor a container instance, so its subnet is unknown")));
        }
        return host.containerInstance().thenCompose(instance -> instance instanceof Fetched.Present<ContainerInstance> present
                && present.value().isExternal()
                ? AsyncReads.done(notInVpc(task))
                : host.ec2Instance().thenCompose(ec2Instance -> fromContainerInstance(task, ec2Instance)));
    }

    private static Fetched<NetworkPath> notInVpc(EcsTask task) {
        return Fetched.absent("task " + task.taskId() + " runs on ECS Anywhere, outside any VPC");
    }

    private CompletableFuture<Fetched<NetworkPath>> fromTaskInterface(EvaluatedTask target, TaskAttachment attachment) {
        EcsTask task = target.task();
        String subnetId = attachment.details().get("subnetId");
        String interfaceId = attachment.details().get("networkInterfaceId");
        if (subnetId == null || subnetId.isBlank()) {
            return AsyncReads.done(Fetched.failed(incompleteTask(task, "has an ENI attachment that names no subnet")));
        }
        Optional<NetworkInterface> planned = target instanceof NextTaskOf next ? next.plannedInterface() : Optional.empty();
        CompletableFuture<Fetched<NetworkInterface>> networkInterface = planned.isPresent()
                ? AsyncReads.done(Fetched.present(planned.get()))
                : interfaceId == null || interfaceId.isBlank()
                ? AsyncReads.done(Fetched.failed(incompleteTask(task, "has an ENI attachment that names no network interface")))
                : reads.read("ec2:DescribeNetworkInterfaces", () -> ec2.describeNetworkInterface(interfaceId));
        return path(task, NetworkPlacement.TASK_NETWORK_INTERFACE, interfaceId == null ? "(unnamed ENI)" : interfaceId,
                subnetId, networkInterface);
    }

    private CompletableFuture<Fetched<NetworkPath>> fromContainerInstance(EcsTask task, Fetched<Ec2Instance> instance) {
        return switch (instance) {
            case Fetched.Present<Ec2Instance> present when present.value().primaryNetworkInterface() != null -> {
                NetworkInterface primary = present.value().primaryNetworkInterface();
                yield path(task, NetworkPlacement.CONTAINER_INSTANCE, present.value().instanceId(), primary.subnetId(),
                        AsyncReads.done(Fetched.present(primary)));
            }
            case Fetched.Present<Ec2Instance> present -> AsyncReads.done(Fetched.failed(new ReadFailure(DESCRIBE_INSTANCES,
                    FailureKind.INVALID_RESPONSE, "EC2 instance " + present.value().instanceId() + " of task " + task.taskId() + " reports no subnet")));
            case Fetched.Absent<Ec2Instance> absent -> AsyncReads.done(Fetched.failed(new ReadFailure(DESCRIBE_INSTANCES,
                    FailureKind.NOT_FOUND, absent.description())));
            case Fetched.Failed<Ec2Instance> failed -> AsyncReads.done(failed.retyped());
        };
    }

    private CompletableFuture<Fetched<NetworkPath>> path(EcsTask task, NetworkPlacement placement, String originId, String subnetId,
                                                         CompletableFuture<Fetched<NetworkInterface>> networkInterface) {
        String region = task.arn().region();
        CompletableFuture<Fetched<Subnet>> subnet = reads.read(Ec2Reads.SUBNET, subnetId);
        CompletableFuture<Fetched<RouteTable>> explicitRouteTable =
                reads.read(Ec2Reads.SUBNET_ROUTE_TABLE, subnetId);

        CompletableFuture<Fetched<String>> vpcId = subnet.thenCompose(s -> s.isPresent()
                ? AsyncReads.done(s.map(Subnet::vpcId))
                : networkInterface.thenApply(n -> n.asOptional().map(NetworkInterface::vpcId).filter(Objects::nonNull)
                        .<Fetched<String>>map(Fetched::present)
                        .orElseGet(() -> s.map(Subnet::vpcId))));
        CompletableFuture<Fetched<RouteTable>> routeTable = explicitRouteTable.thenCompose(explicit -> explicit instanceof Fetched.Absent<RouteTable>
                ? vpcId.thenCompose(vpc -> withValue(vpc, id -> reads.read(Ec2Reads.MAIN_ROUTE_TABLE, id)))
                : AsyncReads.done(explicit));
        CompletableFuture<Fetched<List<VpcEndpoint>>> endpoints =
                vpcId.thenCompose(vpc -> withValue(vpc, id -> reads.read(Ec2Reads.VPC_ENDPOINTS, id)));

        CompletableFuture<Fetched<List<Subnet>>> endpointSubnets = endpoints.thenCompose(fetched -> withValue(fetched, list -> {
            Set<String> ids = new LinkedHashSet<>();
            list.stream().filter(VpcEndpoint::isInterface).forEach(e -> ids.addAll(e.subnetIds()));
            return ids.isEmpty()
                    ? AsyncReads.done(Fetched.<List<Subnet>>absent("the VPC has no interface endpoint with a subnet"))
                    : reads.read(Ec2Reads.SUBNETS, ids);
        }));
        CompletableFuture<Fetched<List<VpcEndpoint>>> ssmEndpoints = endpoints.thenApply(fetched -> fetched.map(list -> list.stream()
                .filter(e -> e.isInterface() && e.serves(SSM_MESSAGES, region))
                .toList()));
        CompletableFuture<Fetched<List<SecurityGroup>>> taskSecurityGroups = ssmEndpoints.thenCompose(fetched -> withValue(fetched, ssm -> ssm.isEmpty()
                ? AsyncReads.done(noSsmEndpoint())
                : networkInterface.thenCompose(nic -> withValue(nic, n ->
                        reads.read(Ec2Reads.SECURITY_GROUPS, new LinkedHashSet<>(n.securityGroupIds()))))));
        CompletableFuture<Fetched<List<SecurityGroup>>> endpointSecurityGroups = ssmEndpoints.thenCompose(fetched -> withValue(fetched, ssm -> {
            Set<String> ids = new LinkedHashSet<>();
            ssm.forEach(e -> ids.addAll(e.securityGroupIds()));
            return ssm.isEmpty()
                    ? AsyncReads.done(noSsmEndpoint())
                    : reads.read(Ec2Reads.SECURITY_GROUPS, ids);
        }));

        CompletableFuture<Fetched<List<NetworkAcl>>> networkAcls =
                vpcId.thenCompose(vpc -> withValue(vpc, id -> reads.read(Ec2Reads.NETWORK_ACLS, id)));
        CompletableFuture<Fetched<VpcDnsSettings>> vpcDns = ssmEndpoints.thenCompose(fetched -> withValue(fetched, ssm -> ssm.isEmpty()
                ? AsyncReads.done(Fetched.<VpcDnsSettings>absent("the VPC has no ssmmessages interface endpoint whose private DNS name must resolve"))
                : vpcId.thenCompose(vpc -> withValue(vpc, id -> reads.read(Ec2Reads.VPC_DNS_SETTINGS, id)))));

        return CompletableFuture.allOf(subnet, networkInterface, routeTable, endpoints, endpointSubnets, taskSecurityGroups, endpointSecurityGroups,
                        networkAcls, vpcDns)
                .thenApply(done -> Fetched.present(new NetworkPath(placement, originId, subnetId, subnet.join(), networkInterface.join(),
                        routeTable.join(), endpoints.join(), endpointSubnets.join(), taskSecurityGroups.join(), endpointSecurityGroups.join(),
                        vpcDns.join(), networkAcls.join())));
    }

    /** The task's own record (from its event or ecs:DescribeTasks) lacks what locating its network needs. */
    private static ReadFailure incompleteTask(EcsTask task, String what) {
        return new ReadFailure("ecs:DescribeTasks", FailureKind.INVALID_RESPONSE, "task " + task.taskId() + " " + what);
    }

    private static Fetched<List<SecurityGroup>> noSsmEndpoint() {
        return Fetched.absent("the VPC has no ssmmessages interface endpoint, so no security group decides access to one");
    }

    /** Runs the dependent read with a present value; Absent passes through with its text, Failed with its failure. */
    private static <T, R> CompletableFuture<Fetched<R>> withValue(Fetched<T> fetched, Function<T, CompletableFuture<Fetched<R>>> next) {
        return switch (fetched) {
            case Fetched.Present<T> present -> next.apply(present.value());
            case Fetched.Absent<T> absent -> AsyncReads.done(Fetched.absent(absent.description()));
            case Fetched.Failed<T> failed -> AsyncReads.done(failed.retyped());
        };
    }
}
