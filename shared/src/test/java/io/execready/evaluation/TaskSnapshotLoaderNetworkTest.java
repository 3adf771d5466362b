package io.execready.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import io.execready.aws.EcsGateway;
import io.execready.fixtures.EcsGatewayDouble;
import io.execready.aws.IamGateway;
import io.execready.aws.PermissionQuery;
import io.execready.fixtures.ReadFailures;
import io.execready.snapshot.ActionDecision;
import io.execready.snapshot.ContainerInstance;
import io.execready.snapshot.Ec2Instance;
import io.execready.snapshot.EcsCluster;
import io.execready.snapshot.EcsService;
import io.execready.snapshot.EcsTask;
import io.execready.snapshot.FailureKind;
import io.execready.snapshot.Fetched;
import io.execready.snapshot.NetworkInterface;
import io.execready.snapshot.NetworkPath;
import io.execready.snapshot.NetworkPlacement;
import io.execready.snapshot.PermissionSimulation;
import io.execready.snapshot.PolicyDecision;
import io.execready.snapshot.RoleSource;
import io.execready.snapshot.Route;
import io.execready.snapshot.RouteTable;
import io.execready.snapshot.SecurityGroup;
import io.execready.snapshot.Subnet;
import io.execready.snapshot.TaskAttachment;
import io.execready.snapshot.TaskDefinition;
import io.execready.snapshot.TaskOverrides;
import io.execready.snapshot.TaskRole;
import io.execready.snapshot.TaskSnapshot;
import io.execready.snapshot.VpcEndpoint;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The loader's container-instance, EC2 and instance-profile reads, against in-memory gateways. */
class TaskSnapshotLoaderNetworkTest {

    private static final String PREFIX = "arn:aws:ecs:eu-west-1:111122223333:";
    private static final String CLUSTER = PREFIX + "cluster/prod";
    private static final String TASK_DEF = PREFIX + "task-definition/web:7";
    private static final String TASK_ROLE = "arn:aws:iam::111122223333:role/web-task";
    private static final String CONTAINER_INSTANCE = PREFIX + "container-instance/prod/0a1b2c3d4e5f";
    private static final String INSTANCE = "i-0123456789abcdef0";
    private static final String PROFILE = "arn:aws:iam::111122223333:instance-profile/ecs/ecsInstanceProfile";
    private static final String INSTANCE_ROLE = "arn:aws:iam::111122223333:role/ecsInstanceRole";
    private static final TaskAttachment ENI_ATTACHMENT = new TaskAttachment("ElasticNetworkInterface", "ATTACHED",
            Map.of("subnetId", FakeEc2Gateway.SUBNET, "networkInterfaceId", FakeEc2Gateway.ENI));

    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final RecordingEcs ecs = new RecordingEcs();
    private final RecordingIam iam = new RecordingIam();
    private final FakeEc2Gateway ec2 = new FakeEc2Gateway();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    private TaskSnapshot load(EcsTask task) {
        return new TaskSnapshotLoader(ecs, iam, ec2,
                ec2.reads(), List.of(), executor).load(task);
    }

    private static NetworkPath path(TaskSnapshot snapshot) {
        return snapshot.networkPath().asOptional().orElseThrow(() -> new AssertionError("no network path: " + snapshot.networkPath()));
    }

    @Test
    void load_whenTheEniIsNotTheFirstAttachment_findsItBehindServiceConnectAndEbs() {
        EcsTask task = fargateTask(List.of(
                new TaskAttachment("ServiceConnect", "ATTACHED", Map.of("ContainerName", "ecs-service-connect-7Hd1")),
                new TaskAttachment("AmazonElasticBlockStorage", "ATTACHED", Map.of("volumeId", "vol-0a1b2c3d4e5f")),
                ENI_ATTACHMENT));

        NetworkPath path = path(load(task));

        assertThat(path.placement()).isEqualTo(NetworkPlacement.TASK_NETWORK_INTERFACE);
        assertThat(path.subnetId()).isEqualTo(FakeEc2Gateway.SUBNET);
        assertThat(path.originId()).isEqualTo(FakeEc2Gateway.ENI);
        assertThat(path.subnet().isPresent()).isTrue();
        assertThat(path.routeTable().asOptional()).hasValueSatisfying(t -> assertThat(t.routeTableId()).isEqualTo("rtb-1"));
        assertThat(ec2.calls).contains("DescribeSubnets:subnet-1", "DescribeNetworkInterfaces:eni-1", "DescribeRouteTables:subnet-1",
                "DescribeVpcEndpoints:" + FakeEc2Gateway.VPC);
    }

    @Test
    void load_readsSubnetInterfaceAndRouteTableConcurrently() {
        ec2.barrier = new CountDownLatch(3);

        NetworkPath path = path(load(fargateTask(List.of(ENI_ATTACHMENT))));

        // Each of the three reads waits until all have started; serial reads would time out and come back Failed.
        assertThat(path.subnet().isPresent()).isTrue();
        assertThat(path.networkInterface().isPresent()).isTrue();
        assertThat(path.routeTable().isPresent()).isTrue();
    }

    @Test
    void load_whenTheSubnetHasNoExplicitRouteTable_readsTheVpcsMainTable() {
        ec2.explicitRouteTables.clear();
        ec2.mainRouteTables.put(FakeEc2Gateway.VPC, Fetched.present(new RouteTable("rtb-main", FakeEc2Gateway.VPC, true,
                List.of(new Route("0.0.0.0/0", "nat-1", "active")))));

        NetworkPath path = path(load(fargateTask(List.of(ENI_ATTACHMENT))));

        assertThat(path.routeTable().asOptional()).hasValueSatisfying(t -> {
            assertThat(t.routeTableId()).isEqualTo("rtb-main");
            assertThat(t.main()).isTrue();
        });
    }

    @Test
    void load_whenTheSubnetHasAnExplicitRouteTable_doesNotReadTheMainTable() {
        load(fargateTask(List.of(ENI_ATTACHMENT)));

        assertThat(ec2.callsOf("DescribeRouteTables")).containsExactly("DescribeRouteTables:subnet-1");
    }

    @Test
    void load_whenTheVpcHasNoSsmMessagesEndpoint_readsNoSecurityGroups() {
        NetworkPath path = path(load(fargateTask(List.of(ENI_ATTACHMENT))));

        assertThat(ec2.callsOf("DescribeSecurityGroups")).isEmpty();
        assertThat(ec2.callsOf("DescribeVpcAttribute")).as("no endpoint whose private DNS matters").isEmpty();
        assertThat(path.vpcDns()).isInstanceOf(Fetched.Absent.class);
        assertThat(ec2.callsOf("DescribeNetworkAcls")).containsExactly("DescribeNetworkAcls:" + FakeEc2Gateway.VPC);
        assertThat(path.taskSecurityGroups()).isInstanceOf(Fetched.Absent.class);
        assertThat(path.endpointSecurityGroups()).isInstanceOf(Fetched.Absent.class);
        assertThat(path.endpointSubnets()).isInstanceOf(Fetched.Absent.class);
    }

    @Test
    void load_whenTheVpcHasAnSsmMessagesEndpoint_readsItsSubnetsAndBothSidesSecurityGroups() {
        ec2.endpoints = Fetched.present(List.of(new VpcEndpoint("vpce-1", "com.amazonaws.eu-west-1.ssmmessages", "Interface", "available",
                true, List.of("subnet-e"), List.of("sg-endpoint"), List.of())));
        ec2.subnets.put("subnet-e", Fetched.present(new Subnet("subnet-e", FakeEc2Gateway.VPC, "eu-west-1a", "10.0.9.0/24", "111122223333")));
        ec2.securityGroups.put("sg-task", new SecurityGroup("sg-task", "111122223333", List.of(), List.of()));
        ec2.securityGroups.put("sg-endpoint", new SecurityGroup("sg-endpoint", "111122223333", List.of(), List.of()));

        NetworkPath path = path(load(fargateTask(List.of(ENI_ATTACHMENT))));

        assertThat(ec2.callsOf("DescribeSecurityGroups")).containsExactlyInAnyOrder("DescribeSecurityGroups:sg-task",
                "DescribeSecurityGroups:sg-endpoint");
        assertThat(path.taskSecurityGroups().asOptional()).hasValueSatisfying(g -> assertThat(g).extracting(SecurityGroup::groupId).containsExactly("sg-task"));
        assertThat(path.endpointSecurityGroups().asOptional()).hasValueSatisfying(g -> assertThat(g).extracting(SecurityGroup::groupId).containsExactly("sg-endpoint"));
        assertThat(path.endpointSubnets().asOptional()).hasValueSatisfying(s -> assertThat(s).extracting(Subnet::subnetId).containsExactly("subnet-e"));
        // The new reads ride the existing waves: the VPC's ACLs beside its endpoints, its DNS attributes beside the security groups.
        assertThat(ec2.calls).containsExactlyInAnyOrder("DescribeSubnets:subnet-1", "DescribeNetworkInterfaces:eni-1", "DescribeRouteTables:subnet-1",
                "DescribeVpcEndpoints:" + FakeEc2Gateway.VPC, "DescribeNetworkAcls:" + FakeEc2Gateway.VPC, "DescribeSubnets:subnet-e",
                "DescribeSecurityGroups:sg-task", "DescribeSecurityGroups:sg-endpoint", "DescribeVpcAttribute:" + FakeEc2Gateway.VPC);
        assertThat(path.vpcDns().isPresent()).isTrue();
        assertThat(path.networkAcls().isPresent()).isTrue();
    }

    /**
     * Every EC2 read of a task's network path (found by asking, so a new read needs no change here)
     * fails with each kind in turn and the snapshot holds that exact failure. The VPC has an
     * ssmmessages endpoint, so the security groups and DNS attributes are read too; the main route
     * table is read only without an explicit one, which its own test covers.
     */
    @ParameterizedTest
    @EnumSource(FailureKind.class)
    void load_whenAnyEc2ReadFails_theSnapshotHoldsThatFailure(FailureKind kind) {
        ec2.endpoints = Fetched.present(List.of(new VpcEndpoint("vpce-1", "com.amazonaws.eu-west-1.ssmmessages", "Interface", "available",
                true, List.of("subnet-e"), List.of("sg-endpoint"), List.of())));
        ec2.subnets.put("subnet-e", Fetched.present(new Subnet("subnet-e", FakeEc2Gateway.VPC, "eu-west-1a", "10.0.9.0/24", "111122223333")));
        ec2.securityGroups.put("sg-task", new SecurityGroup("sg-task", "111122223333", List.of(), List.of()));
        ec2.securityGroups.put("sg-endpoint", new SecurityGroup("sg-endpoint", "111122223333", List.of(), List.of()));
        EcsTask task = fargateTask(List.of(ENI_ATTACHMENT));

        ReadFailureSweep.eachReadFailsVisibly(kind, ec2::reads,
                reads -> new TaskSnapshotLoader(ecs, iam, ec2, reads, List.of(), executor).load(task),
                "ec2:DescribeSubnets", "ec2:DescribeRouteTables", "ec2:DescribeVpcEndpoints", "ec2:DescribeSecurityGroups",
                "ec2:DescribeNetworkAcls", "ec2:DescribeVpcAttribute");
    }

    @Test
    void load_whenTheSubnetIsUnreadable_stillReadsTheVpcFromTheInterface() {
        ec2.subnets.put(FakeEc2Gateway.SUBNET, Fetched.failed(ReadFailures.denied("ec2:DescribeSubnets", "UnauthorizedOperation")));

        NetworkPath path = path(load(fargateTask(List.of(ENI_ATTACHMENT))));

        assertThat(path.subnet().isFailed()).isTrue();
        assertThat(ec2.calls).contains("DescribeVpcEndpoints:" + FakeEc2Gateway.VPC);
    }

    @Test
    void load_whenAFargateTaskReportsNoEni_pathFailsWithoutAnyEc2Read() {
        TaskSnapshot snapshot = load(fargateTask(List.of()));

        assertThat(snapshot.networkPath()).isInstanceOfSatisfying(Fetched.Failed.class,
                f -> assertThat(f.failure()).satisfies(failure -> {
                    assertThat(failure.kind()).isEqualTo(FailureKind.INVALID_RESPONSE);
                    assertThat(failure.detail()).contains("neither an ENI attachment nor a container instance");
                }));
        assertThat(snapshot.containerInstance()).isInstanceOf(Fetched.Absent.class);
        assertThat(ec2.calls).isEmpty();
        assertThat(ecs.containerInstancesDescribed).isEmpty();
    }

    @Test
    void load_whenABridgeTaskRunsOnEc2_takesTheSubnetFromItsInstance() {
        ecs.containerInstances.put(CONTAINER_INSTANCE, Fetched.present(containerInstance(INSTANCE)));
        ec2.instances.put(INSTANCE, Fetched.present(instance(PROFILE, "3.80.1.2")));

        TaskSnapshot snapshot = load(ec2Task("EC2", TASK_ROLE));

        NetworkPath path = path(snapshot);
        assertThat(path.placement()).isEqualTo(NetworkPlacement.CONTAINER_INSTANCE);
        assertThat(path.originId()).isEqualTo(INSTANCE);
        assertThat(path.networkInterface().asOptional()).hasValueSatisfying(n -> assertThat(n.publicIpAddress()).isEqualTo("3.80.1.2"));
        assertThat(snapshot.containerInstance().asOptional()).hasValueSatisfying(c -> assertThat(c.agentVersion()).isEqualTo("1.82.0"));
        assertThat(ec2.callsOf("DescribeNetworkInterfaces")).as("the instance already told its interface").isEmpty();
        assertThat(snapshot.taskRole().asOptional()).hasValueSatisfying(r -> assertThat(r.source()).isEqualTo(RoleSource.TASK_DEFINITION));
    }

    @Test
    void load_whenAnEc2TaskHasNoTaskRole_usesTheInstanceProfileRoleReadingTheInstanceOnce() {
        ecs.containerInstances.put(CONTAINER_INSTANCE, Fetched.present(containerInstance(INSTANCE)));
        ec2.instances.put(INSTANCE, Fetched.present(instance(PROFILE, null)));
        iam.profiles.put(PROFILE, Fetched.present(INSTANCE_ROLE));

        TaskSnapshot snapshot = load(ec2Task("EC2", null));

        assertThat(snapshot.taskRole()).isEqualTo(Fetched.present(new TaskRole(INSTANCE_ROLE, RoleSource.INSTANCE_PROFILE)));
        assertThat(snapshot.taskRoleSsmMessages().asOptional()).hasValueSatisfying(s -> assertThat(s.principalArn()).isEqualTo(INSTANCE_ROLE));
        assertThat(ec2.callsOf("DescribeInstances")).containsExactly("DescribeInstances:" + INSTANCE);
    }

    @Test
    void load_whenTheInstanceHasNoProfile_roleIsAbsent() {
        ecs.containerInstances.put(CONTAINER_INSTANCE, Fetched.present(containerInstance(INSTANCE)));
        ec2.instances.put(INSTANCE, Fetched.present(instance(null, null)));

        TaskSnapshot snapshot = load(ec2Task("EC2", null));

        assertThat(snapshot.taskRole()).isInstanceOfSatisfying(Fetched.Absent.class,
                a -> assertThat(a.description()).contains("no instance profile"));
        assertThat(iam.profilesRead).isEmpty();
    }

    @Test
    void load_whenTheContainerInstanceIsUnreadable_roleAndPathFailNamingTheAction() {
        ecs.containerInstances.put(CONTAINER_INSTANCE, Fetched.failed(ReadFailures.denied("ecs:DescribeContainerInstances", "AccessDeniedException")));

        TaskSnapshot snapshot = load(ec2Task("EC2", null));

        assertThat(snapshot.taskRole()).isEqualTo(Fetched.failed(ReadFailures.denied("ecs:DescribeContainerInstances", "AccessDeniedException")));
        assertThat(snapshot.networkPath()).isEqualTo(Fetched.failed(ReadFailures.denied("ecs:DescribeContainerInstances", "AccessDeniedException")));
        assertThat(ec2.calls).isEmpty();
    }

    @Test
    void load_whenAnAwsvpcEc2TaskHasATaskRole_neverReadsTheInstance() {
        ecs.containerInstances.put(CONTAINER_INSTANCE, Fetched.present(containerInstance(INSTANCE)));
        EcsTask task = withAttachments(ec2Task("EC2", TASK_ROLE), List.of(ENI_ATTACHMENT));

        TaskSnapshot snapshot = load(task);

        assertThat(path(snapshot).placement()).isEqualTo(NetworkPlacement.TASK_NETWORK_INTERFACE);
        assertThat(ec2.callsOf("DescribeInstances")).isEmpty();
    }

    @Test
    void load_whenTheTaskRunsOnEcsAnywhere_readsTheContainerInstanceButNothingFromEc2() {
        ecs.containerInstances.put(CONTAINER_INSTANCE, Fetched.present(containerInstance("mi-0123456789abcdef0")));

        TaskSnapshot snapshot = load(ec2Task("EXTERNAL", null));

        assertThat(snapshot.networkPath()).isInstanceOfSatisfying(Fetched.Absent.class,
                a -> assertThat(a.description()).contains("ECS Anywhere"));
        assertThat(snapshot.containerInstance().isPresent()).isTrue();
        assertThat(snapshot.taskRole()).isInstanceOf(Fetched.Absent.class);
        assertThat(ec2.calls).isEmpty();
        assertThat(iam.profilesRead).isEmpty();
    }

    @Test
    void load_whenACapacityProviderTaskOmitsTheLaunchTypeOnAnExternalInstance_treatsItAsEcsAnywhere() {
        ecs.containerInstances.put(CONTAINER_INSTANCE, Fetched.present(containerInstance("mi-0123456789abcdef0")));

        TaskSnapshot snapshot = load(ec2Task(null, TASK_ROLE));

        assertThat(snapshot.networkPath()).isInstanceOf(Fetched.Absent.class);
        assertThat(ec2.calls).isEmpty();
    }

    private static EcsTask fargateTask(List<TaskAttachment> attachments) {
        return new EcsTask(PREFIX + "task/prod/0123456789abcdef0123456789abcdef", CLUSTER, TASK_DEF, "service:web", "ecs-svc/1",
                "RUNNING", "RUNNING", null, "FARGATE", "1.4.0", "Linux", true, null, "eu-west-1a", 3L, attachments, List.of(), TaskOverrides.NONE);
    }

    /** An EC2 (or EXTERNAL, or capacity-provider) bridge task; the task definition carries {@code taskRole}, or none. */
    private EcsTask ec2Task(String launchType, String taskRole) {
        ecs.taskRoleArn = taskRole;
        return new EcsTask(PREFIX + "task/prod/0123456789abcdef0123456789abcdef", CLUSTER, TASK_DEF, "service:web", "ecs-svc/1",
                "RUNNING", "RUNNING", null, launchType, null, null, true, CONTAINER_INSTANCE, "eu-west-1a", 3L, List.of(), List.of(), TaskOverrides.NONE);
    }

    private static EcsTask withAttachments(EcsTask t, List<TaskAttachment> attachments) {
        return new EcsTask(t.taskArn(), t.clusterArn(), t.taskDefinitionArn(), t.group(), t.startedBy(), t.lastStatus(), t.desiredStatus(),
                t.stoppedReason(), t.launchType(), t.platformVersion(), t.platformFamily(), t.enableExecuteCommand(), t.containerInstanceArn(),
                t.availabilityZone(), t.version(), attachments, t.containers(), t.overrides());
    }

    private static ContainerInstance containerInstance(String ec2InstanceId) {
        return new ContainerInstance(CONTAINER_INSTANCE, ec2InstanceId, "1.82.0", Map.of(ContainerInstance.OS_TYPE, "linux"));
    }

    private static Ec2Instance instance(String profileArn, String publicIp) {
        return new Ec2Instance(INSTANCE, new NetworkInterface("eni-instance", FakeEc2Gateway.SUBNET, FakeEc2Gateway.VPC, "eu-west-1a",
                "10.0.1.10", publicIp, List.of("sg-instance")), profileArn);
    }

    private static final class RecordingEcs extends EcsGatewayDouble {
        volatile String taskRoleArn = TASK_ROLE;
        final Map<String, Fetched<ContainerInstance>> containerInstances = new ConcurrentHashMap<>();
        final List<String> containerInstancesDescribed = new CopyOnWriteArrayList<>();

        @Override
        public Fetched<TaskDefinition> describeTaskDefinition(String taskDefinition) {
            return Fetched.present(new TaskDefinition(TASK_DEF, "web", taskRoleArn, null, "bridge", null, null, null, null, List.of(), List.of()));
        }

        @Override
        public Fetched<EcsCluster> describeCluster(String cluster) {
            return Fetched.present(new EcsCluster(cluster, null, null, Map.of()));
        }

        @Override
        public Fetched<EcsService> describeService(String cluster, String serviceName) {
            return Fetched.absent("service " + serviceName + " does not exist");
        }

        @Override
        public Map<String, Fetched<EcsTask>> describeTasks(String cluster, List<String> tasks) {
            throw new AssertionError("the loader must not re-read a task it was given");
        }

        @Override
        public Map<String, Fetched<ContainerInstance>> describeContainerInstances(String cluster, List<String> arns) {
            containerInstancesDescribed.addAll(arns);
            return Map.of(arns.getFirst(), containerInstances.getOrDefault(arns.getFirst(), Fetched.absent("not registered")));
        }
    }

    private static final class RecordingIam implements IamGateway {
        final Map<String, Fetched<String>> profiles = new ConcurrentHashMap<>();
        final List<String> profilesRead = new CopyOnWriteArrayList<>();

        @Override
        public Fetched<PermissionSimulation> simulate(PermissionQuery query) {
            return Fetched.present(new PermissionSimulation(query.principalArn(), query.actions().stream()
                    .map(a -> new ActionDecision(a, "*", PolicyDecision.ALLOWED, null, List.of()))
                    .toList()));
        }

        @Override
        public Fetched<String> instanceProfileRole(String instanceProfileArn) {
            profilesRead.add(instanceProfileArn);
            return profiles.getOrDefault(instanceProfileArn, Fetched.absent("instance profile " + instanceProfileArn + " does not exist"));
        }
    }
}
