package io.execready.evaluation;

import io.execready.aws.Ec2Gateway;
import io.execready.aws.EcsGateway;
import io.execready.aws.IamGateway;
import io.execready.aws.ReadSource;
import io.execready.snapshot.EcsCluster;
import io.execready.snapshot.EcsService;
import io.execready.snapshot.EcsTask;
import io.execready.snapshot.FailureKind;
import io.execready.snapshot.EvaluatedTask;
import io.execready.snapshot.RunningTask;
import io.execready.snapshot.Fetched;
import io.execready.snapshot.NetworkPath;
import io.execready.snapshot.ReadFailure;
import io.execready.snapshot.RoleSource;
import io.execready.snapshot.TaskDefinition;
import io.execready.snapshot.TaskRole;
import io.execready.snapshot.TaskSnapshot;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * Gathers everything the checks need about one task, once. Reads that do not depend on each other
 * (task definition, cluster, service, container instance, network path) run in parallel; the IAM
 * simulations wait for the role and cluster settings they need. Facts the task already carries (from
 * the EventBridge event or DescribeTasks) are not fetched again. A read that fails stays a
 * {@code Fetched.Failed}: loading never aborts. The permission simulations, exec key and audit
 * destinations are loaded by {@link ExecAccessLoader}; the container host and network path by
 * {@link ContainerHost} and {@link NetworkPathLoader}.
 */
public final class TaskSnapshotLoader {

    private final EcsGateway ecs;
    private final IamGateway iam;
    private final Ec2Gateway ec2;
    private final AsyncReads async;
    private final ExecutorService executor;
    private final ExecAccessLoader execAccess;

    /**
     * @param reads                 the reads declared as {@link io.execready.aws.AwsRead} constants (EC2, KMS, CloudWatch Logs, S3)
     * @param operatorPrincipalArns the principals that must be able to run execute-command on every task;
     *                              empty when none are configured
     */
    public TaskSnapshotLoader(EcsGateway ecs, IamGateway iam, Ec2Gateway ec2, ReadSource reads,
                              List<String> operatorPrincipalArns, ExecutorService executor) {
        this.ecs = Objects.requireNonNull(ecs, "ecs");
        this.iam = Objects.requireNonNull(iam, "iam");
        this.ec2 = Objects.requireNonNull(ec2, "ec2");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.async = new AsyncReads(executor, reads);
        this.execAccess = new ExecAccessLoader(ecs, iam, reads, operatorPrincipalArns, executor);
    }

    /** The snapshot of a running task. */
    public TaskSnapshot load(EcsTask task) {
        return load(new RunningTask(task));
    }

    /** The snapshot of a running task, or of the task a service will start next. */
    public TaskSnapshot load(EvaluatedTask target) {
        EcsTask task = target.task();
        CompletableFuture<Fetched<TaskDefinition>> taskDefinition = task.taskDefinitionArn() == null
                ? CompletableFuture.completedFuture(Fetched.failed(new ReadFailure(
                        "ecs:DescribeTasks", FailureKind.INVALID_RESPONSE, "task " + task.taskId() + " reports no task definition ARN")))
                : async.read("ecs:DescribeTaskDefinition", () -> ecs.describeTaskDefinition(task.taskDefinitionArn()));
        CompletableFuture<Fetched<EcsCluster>> cluster = async.read("ecs:DescribeClusters", () -> ecs.describeCluster(task.clusterArn()));
        CompletableFuture<Fetched<EcsService>> service = task.serviceName()
                .map(name -> async.read("ecs:DescribeServices", () -> ecs.describeService(task.clusterArn(), name)))
                .orElseGet(() -> CompletableFuture.completedFuture(
                        Fetched.absent("task " + task.taskId() + " does not belong to a service (group " + task.group() + ")")));
        ContainerHost host = ContainerHost.read(task, ecs, async);
        CompletableFuture<Fetched<NetworkPath>> networkPath = new NetworkPathLoader(ec2, async).load(target, host);

        CompletableFuture<Fetched<TaskRole>> role = taskDefinition.thenApplyAsync(
                definition -> taskRole(task, definition, () -> instanceProfileRole(host)), executor);
        ExecAccessLoader.Loaded access = execAccess.load(task, cluster, role).join();

        return new TaskSnapshot(target, taskDefinition.join(), service.join(), cluster.join(), role.join(),
                access.taskRoleSsmMessages(), access.execAccess(), host.containerInstance().join(), networkPath.join());
    }

    /**
     * The role the exec agent runs as: the launch override, else the task definition's, else for an
     * EC2 task the instance profile's role (read only then).
     */
    static Fetched<TaskRole> taskRole(EcsTask task, Fetched<TaskDefinition> taskDefinition, Supplier<Fetched<TaskRole>> instanceProfileRole) {
        if (task.overrides().taskRoleArn() != null) {
            return Fetched.present(new TaskRole(task.overrides().taskRoleArn(), RoleSource.TASK_OVERRIDE));
        }
        return taskDefinition.flatMap(definition -> {
            if (definition.taskRoleArn() != null) {
                return Fetched.present(new TaskRole(definition.taskRoleArn(), RoleSource.TASK_DEFINITION));
            }
            if (task.containerInstanceArn() != null && !"EXTERNAL".equals(String.valueOf(task.launchType()).toUpperCase(Locale.ROOT))) {
                return instanceProfileRole.get();
            }
            return Fetched.absent("neither task definition " + definition.taskDefinitionArn() + " nor the task's overrides name a task role");
        });
    }

    private Fetched<TaskRole> instanceProfileRole(ContainerHost host) {
        return host.ec2Instance().join().flatMap(instance -> instance.instanceProfileArn() == null
                ? Fetched.absent("the task has no task role and its EC2 instance " + instance.instanceId() + " has no instance profile")
                : iam.instanceProfileRole(instance.instanceProfileArn()).map(roleArn -> new TaskRole(roleArn, RoleSource.INSTANCE_PROFILE, instance.metadataOptions())));
    }
}
