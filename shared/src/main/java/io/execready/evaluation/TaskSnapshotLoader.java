package io.execready.evaluation;

import io.execready.aws.EcsGateway;
import io.execready.aws.IamGateway;
import io.execready.aws.KmsGateway;
import io.execready.aws.LogsGateway;
import io.execready.aws.S3Gateway;
import io.execready.snapshot.EcsCluster;
import io.execready.snapshot.EcsService;
import io.execready.snapshot.EcsTask;
import io.execready.snapshot.Fetched;
import io.execready.snapshot.RoleSource;
import io.execready.snapshot.TaskDefinition;
import io.execready.snapshot.TaskRole;
import io.execready.snapshot.TaskSnapshot;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * Gathers everything the checks need about one task, once. Reads that do not depend on each other
 * (task definition, cluster, service) run in parallel; the IAM simulations wait for the role and
 * cluster settings they need. Facts the task already carries (from the EventBridge event or
 * DescribeTasks) are not fetched again. A read that fails stays a {@code Fetched.Failed}: loading never aborts. The
 * permission simulations, exec key and audit destinations are loaded by {@link ExecAccessLoader}.
 */
public final class TaskSnapshotLoader {

    private final EcsGateway ecs;
    private final ExecutorService executor;
    private final ExecAccessLoader execAccess;

    /**
     * @param operatorPrincipalArns the principals that must be able to run execute-command on every task;
     *                              empty when none are configured
     */
    public TaskSnapshotLoader(EcsGateway ecs, IamGateway iam, KmsGateway kms, LogsGateway logs, S3Gateway s3,
                              List<String> operatorPrincipalArns, ExecutorService executor) {
        this.ecs = Objects.requireNonNull(ecs, "ecs");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.execAccess = new ExecAccessLoader(ecs, iam, kms, logs, s3, operatorPrincipalArns, executor);
    }

    public TaskSnapshot load(EcsTask task) {
        CompletableFuture<Fetched<TaskDefinition>> taskDefinition = task.taskDefinitionArn() == null
                ? CompletableFuture.completedFuture(Fetched.failed("the task reports no task definition ARN"))
                : async("ecs:DescribeTaskDefinition", () -> ecs.describeTaskDefinition(task.taskDefinitionArn()));
        CompletableFuture<Fetched<EcsCluster>> cluster = async("ecs:DescribeClusters", () -> ecs.describeCluster(task.clusterArn()));
        CompletableFuture<Fetched<EcsService>> service = task.serviceName()
                .map(name -> async("ecs:DescribeServices", () -> ecs.describeService(task.clusterArn(), name)))
                .orElseGet(() -> CompletableFuture.completedFuture(
                        Fetched.absent("task " + task.taskId() + " does not belong to a service (group " + task.group() + ")")));

        CompletableFuture<Fetched<TaskRole>> role = taskDefinition.thenApply(definition -> taskRole(task, definition));
        ExecAccessLoader.Loaded access = execAccess.load(task, cluster, role).join();

        return new TaskSnapshot(task, taskDefinition.join(), service.join(), cluster.join(), role.join(),
                access.taskRoleSsmMessages(), access.execAccess());
    }

    /** The role the exec agent runs as: the launch override, else the task definition's. */
    static Fetched<TaskRole> taskRole(EcsTask task, Fetched<TaskDefinition> taskDefinition) {
        if (task.overrides().taskRoleArn() != null) {
            return Fetched.present(new TaskRole(task.overrides().taskRoleArn(), RoleSource.TASK_OVERRIDE));
        }
        return taskDefinition.flatMap(definition -> definition.taskRoleArn() == null
                ? Fetched.absent("neither task definition " + definition.taskDefinitionArn() + " nor the task's overrides name a task role")
                : Fetched.present(new TaskRole(definition.taskRoleArn(), RoleSource.TASK_DEFINITION)));
    }

    private <T> CompletableFuture<Fetched<T>> async(String action, Supplier<Fetched<T>> read) {
        return CompletableFuture.supplyAsync(read, executor)
                .exceptionally(e -> Fetched.failed(action + " failed unexpectedly: " + rootCause(e)));
    }

    static String rootCause(Throwable e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        return cause.toString();
    }
}
