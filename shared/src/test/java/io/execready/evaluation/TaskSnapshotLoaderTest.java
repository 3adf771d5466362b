package io.execready.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import io.execready.fixtures.ReadBarrier;

import io.execready.fixtures.EcsGatewayDouble;
import io.execready.aws.IamGateway;
import io.execready.aws.PermissionQuery;
import io.execready.fixtures.ReadFailures;
import io.execready.snapshot.ActionDecision;
import io.execready.snapshot.ContainerInstance;
import io.execready.snapshot.EcsCluster;
import io.execready.snapshot.EcsService;
import io.execready.snapshot.EcsTask;
import io.execready.snapshot.Fetched;
import io.execready.snapshot.PermissionSimulation;
import io.execready.snapshot.PolicyDecision;
import io.execready.snapshot.RoleSource;
import io.execready.snapshot.TaskDefinition;
import io.execready.snapshot.TaskOverrides;
import io.execready.snapshot.TaskSnapshot;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TaskSnapshotLoaderTest {

    private static final String CLUSTER = "arn:aws-cn:ecs:cn-north-1:111122223333:cluster/prod";
    private static final String TASK_DEF = "arn:aws-cn:ecs:cn-north-1:111122223333:task-definition/web:7";
    private static final String ROLE = "arn:aws-cn:iam::111122223333:role/web-task";

    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final FakeEcs ecs = new FakeEcs();
    private final FakeIam iam = new FakeIam();
    private final FakeEc2Gateway ec2 = new FakeEc2Gateway();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    private TaskSnapshot load(EcsTask task) {
        return new TaskSnapshotLoader(ecs, iam, ec2,
                ec2.reads(),
                List.of(), executor).load(task);
    }

    @Test
    void load_whenEverythingReadable_simulatesSsmMessagesWithTaskRegion() {
        ecs.taskDefinition = Fetched.present(taskDefinition(ROLE));

        TaskSnapshot snapshot = load(task("service:web", TaskOverrides.NONE));

        assertThat(snapshot.taskRole()).isEqualTo(Fetched.present(new io.execready.snapshot.TaskRole(ROLE, RoleSource.TASK_DEFINITION)));
        assertThat(snapshot.taskRoleSsmMessages().isPresent()).isTrue();
        PermissionQuery query = iam.queries.getFirst();
        assertThat(query.principalArn()).isEqualTo(ROLE);
        assertThat(query.actions()).hasSize(4).allMatch(a -> a.startsWith("ssmmessages:"));
        assertThat(query.context()).singleElement().satisfies(entry -> {
            assertThat(entry.key()).isEqualTo("aws:RequestedRegion");
            assertThat(entry.values()).containsExactly("cn-north-1");
        });
        assertThat(ecs.servicesDescribed).containsExactly("web");
    }

    @Test
    void load_whenTaskRoleOverridden_usesOverride() {
        ecs.taskDefinition = Fetched.present(taskDefinition(ROLE));
        String override = "arn:aws-cn:iam::111122223333:role/one-off";

        TaskSnapshot snapshot = load(task("family:web", new TaskOverrides(override, List.of())));

        assertThat(snapshot.taskRole().asOptional()).hasValueSatisfying(r -> {
            assertThat(r.roleArn()).isEqualTo(override);
            assertThat(r.source()).isEqualTo(RoleSource.TASK_OVERRIDE);
        });
    }

    @Test
    void load_whenTaskDefinitionDenied_roleAndSimulationAreFailedNotAbsent() {
        ecs.taskDefinition = Fetched.failed(ReadFailures.denied("ecs:DescribeTaskDefinition", "AccessDeniedException"));

        TaskSnapshot snapshot = load(task("service:web", TaskOverrides.NONE));

        assertThat(snapshot.taskDefinition().isFailed()).isTrue();
        assertThat(snapshot.taskRole()).isEqualTo(Fetched.failed(ReadFailures.denied("ecs:DescribeTaskDefinition", "AccessDeniedException")));
        assertThat(snapshot.taskRoleSsmMessages().isFailed()).isTrue();
        assertThat(snapshot.cluster().isPresent()).as("other reads still complete").isTrue();
        assertThat(iam.queries).isEmpty();
    }

    @Test
    void load_whenNoTaskRole_roleAbsentAndNoSimulation() {
        ecs.taskDefinition = Fetched.present(taskDefinition(null));

        TaskSnapshot snapshot = load(task("service:web", TaskOverrides.NONE));

        assertThat(snapshot.taskRole()).isInstanceOf(Fetched.Absent.class);
        assertThat(snapshot.taskRoleSsmMessages()).isInstanceOf(Fetched.Absent.class);
        assertThat(iam.queries).isEmpty();
    }

    @Test
    void load_whenTaskNotInService_doesNotDescribeAService() {
        ecs.taskDefinition = Fetched.present(taskDefinition(ROLE));

        TaskSnapshot snapshot = load(task("family:batch", TaskOverrides.NONE));

        assertThat(snapshot.owningService()).isInstanceOf(Fetched.Absent.class);
        assertThat(ecs.servicesDescribed).isEmpty();
    }

    @Test
    void load_whenGatewayThrowsUnexpectedly_reportsFailedNamingTheAction() {
        ecs.clusterFailure = new IllegalStateException("boom");
        ecs.taskDefinition = Fetched.present(taskDefinition(ROLE));

        TaskSnapshot snapshot = load(task("service:web", TaskOverrides.NONE));

        assertThat(snapshot.cluster()).isInstanceOfSatisfying(Fetched.Failed.class,
                f -> assertThat(f.failure().describe()).startsWith("ecs:DescribeClusters failed unexpectedly").contains("boom"));
    }

    @Test
    void load_readsTaskDefinitionClusterAndServiceConcurrently() {
        ecs.taskDefinition = Fetched.present(taskDefinition(ROLE));
        ecs.barrier = new CountDownLatch(3);

        TaskSnapshot snapshot = load(task("service:web", TaskOverrides.NONE));

        // Each read waits until all three have started; serial reads would time out and come back Failed.
        assertThat(snapshot.taskDefinition().isPresent()).isTrue();
        assertThat(snapshot.cluster().isPresent()).isTrue();
        assertThat(snapshot.owningService().isPresent()).isTrue();
    }

    private static EcsTask task(String group, TaskOverrides overrides) {
        return new EcsTask("arn:aws-cn:ecs:cn-north-1:111122223333:task/prod/0123456789abcdef0123456789abcdef", CLUSTER, TASK_DEF,
                group, "ecs-svc/1", "RUNNING", "RUNNING", null, "FARGATE", "1.4.0", "Linux", true, null, "cn-north-1a",
                3L, List.of(), List.of(), overrides);
    }

    private static TaskDefinition taskDefinition(String roleArn) {
        return new TaskDefinition(TASK_DEF, "web", roleArn, null, "awsvpc", null, "256", "512", null, List.of(), List.of());
    }

    private static final class FakeEcs extends EcsGatewayDouble {
        volatile Fetched<TaskDefinition> taskDefinition;
        volatile RuntimeException clusterFailure;
        volatile CountDownLatch barrier;
        final List<String> servicesDescribed = new CopyOnWriteArrayList<>();

        private void rendezvous() {
            ReadBarrier.rendezvous(barrier);
        }

        @Override
        public Fetched<TaskDefinition> describeTaskDefinition(String arn) {
            rendezvous();
            return taskDefinition;
        }

        @Override
        public Fetched<EcsCluster> describeCluster(String cluster) {
            rendezvous();
            if (clusterFailure != null) {
                throw clusterFailure;
            }
            return Fetched.present(new EcsCluster(cluster, null, null, Map.of()));
        }

        @Override
        public Fetched<EcsService> describeService(String cluster, String serviceName) {
            servicesDescribed.add(serviceName);
            rendezvous();
            return Fetched.present(EcsService.of("arn:aws-cn:ecs:cn-north-1:111122223333:service/prod/" + serviceName,
                    serviceName, cluster, true, "ecs-svc/1", TASK_DEF, "ACTIVE"));
        }

        @Override
        public Map<String, Fetched<ContainerInstance>> describeContainerInstances(String cluster, List<String> containerInstances) {
            throw new AssertionError("a Fargate task has no container instance to read");
        }
    }

    private static final class FakeIam implements IamGateway {
        final List<PermissionQuery> queries = new CopyOnWriteArrayList<>();

        @Override
        public Fetched<PermissionSimulation> simulate(PermissionQuery query) {
            queries.add(query);
            return Fetched.present(new PermissionSimulation(query.principalArn(), query.actions().stream()
                    .map(a -> new ActionDecision(a, "*", PolicyDecision.ALLOWED, null, List.of()))
                    .toList()));
        }

        @Override
        public Fetched<String> instanceProfileRole(String instanceProfileArn) {
            throw new AssertionError("a Fargate task has no instance profile to read");
        }
    }
}
