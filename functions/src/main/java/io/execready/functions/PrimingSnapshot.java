package io.execready.functions;

import io.execready.snapshot.ActionDecision;
import io.execready.snapshot.ContainerDefinition;
import io.execready.snapshot.EcsCluster;
import io.execready.snapshot.EcsTask;
import io.execready.snapshot.ExecAccess;
import io.execready.snapshot.ExecPermissions;
import io.execready.snapshot.Fetched;
import io.execready.snapshot.PermissionSimulation;
import io.execready.snapshot.PolicyDecision;
import io.execready.snapshot.RoleSource;
import io.execready.snapshot.TaskContainer;
import io.execready.snapshot.TaskDefinition;
import io.execready.snapshot.TaskRole;
import io.execready.snapshot.TaskSnapshot;
import java.util.List;
import java.util.Map;

/**
 * The synthetic snapshot priming evaluates: the sample event's task with a task definition, cluster
 * and task role made up to match, as the loader would gather them for a Fargate task on which ECS
 * Exec works. The audit, instance and network facts are left absent; nothing here was read.
 */
final class PrimingSnapshot {

    private static final String NOT_READ = "made up for priming, not read";

    private PrimingSnapshot() {
    }

    static TaskSnapshot of(EcsTask task) {
        String accountArn = "arn:aws:iam::" + task.arn().accountId();
        String taskRole = accountArn + ":role/priming-task";
        List<ContainerDefinition> containers = task.containers().stream()
                .map(TaskContainer::name)
                .map(name -> new ContainerDefinition(name, "public.ecr.aws/nginx/nginx:1.27", true, false, true, null, null, null,
                        "awslogs", List.of(), List.of(), List.of(), null))
                .toList();
        TaskDefinition definition = new TaskDefinition(task.taskDefinitionArn(), "priming", taskRole, accountArn + ":role/priming-execution",
                "awsvpc", null, "256", "512", "LINUX", containers, List.of());
        List<ActionDecision> allowed = ExecPermissions.TASK_ROLE_SSM_MESSAGES.stream()
                .map(action -> new ActionDecision(action, "*", PolicyDecision.ALLOWED, null, List.of()))
                .toList();
        ExecAccess noAuditConfigured = new ExecAccess(Fetched.absent(NOT_READ), Fetched.absent(NOT_READ), Fetched.absent(NOT_READ),
                Fetched.absent(NOT_READ), Fetched.absent(NOT_READ), Fetched.absent(NOT_READ), List.of(), List.of(),
                Fetched.absent(NOT_READ), Fetched.absent(NOT_READ));
        return new TaskSnapshot(task,
                Fetched.present(definition),
                Fetched.absent(NOT_READ),
                Fetched.present(new EcsCluster(task.clusterArn(), null, null, Map.of())),
                Fetched.present(new TaskRole(taskRole, RoleSource.TASK_DEFINITION)),
                Fetched.present(new PermissionSimulation(taskRole, allowed)),
                noAuditConfigured,
                Fetched.absent(NOT_READ),
                Fetched.absent(NOT_READ));
    }
}
