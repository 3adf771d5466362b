package io.execready.snapshot;

import java.util.Objects;

/**
 * Everything the checks may ask about one task, gathered once by the loader. Immutable; every
 * fact read from AWS is a {@link Fetched}, so a denied read stays visible as such.
 *
 * @param target                   the task being evaluated (always known): a running task, or the next task of a service
 * @param taskDefinition           the revision the task runs
 * @param owningService            the service when the task's group is {@code service:NAME}; Absent otherwise
 * @param cluster                  the cluster's exec configuration and tags
 * @param taskRole                 the role the exec agent runs as; Absent when there is none
 * @param taskRoleSsmMessages      the task role's simulated ssmmessages permissions; Absent without a role
 * @param execAccess               the exec KMS key, audit log destinations, and the task role's and operators' permissions on them
 * @param containerInstance        the EC2 or external instance of an EC2 or EXTERNAL task; Absent on Fargate
 * @param networkPath              the subnet, routes and endpoints the exec agent's traffic depends on;
 *                                 Absent when the task is in no VPC (ECS Anywhere), Failed when its
 *                                 subnet could not be found
 * @param execProbe                whether a real ECS Exec session came up; gathered after the other
 *                                 checks ran, {@link ExecProbe.Off} unless probing is turned on
 */
public record TaskSnapshot(
        EvaluatedTask target,
        Fetched<TaskDefinition> taskDefinition,
        Fetched<EcsService> owningService,
        Fetched<EcsCluster> cluster,
        Fetched<TaskRole> taskRole,
        Fetched<PermissionSimulation> taskRoleSsmMessages,
        ExecAccess execAccess,
        Fetched<ContainerInstance> containerInstance,
        Fetched<NetworkPath> networkPath,
        ExecProbe execProbe) {

    public TaskSnapshot {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(taskDefinition, "taskDefinition");
        Objects.requireNonNull(owningService, "owningService");
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(taskRole, "taskRole");
        Objects.requireNonNull(taskRoleSsmMessages, "taskRoleSsmMessages");
        Objects.requireNonNull(execAccess, "execAccess");
        Objects.requireNonNull(containerInstance, "containerInstance");
        Objects.requireNonNull(networkPath, "networkPath");
        Objects.requireNonNull(execProbe, "execProbe");
    }

    /** A snapshot as the loader gathers it: no probe (yet). */
    public TaskSnapshot(EvaluatedTask target, Fetched<TaskDefinition> taskDefinition, Fetched<EcsService> owningService,
                        Fetched<EcsCluster> cluster, Fetched<TaskRole> taskRole, Fetched<PermissionSimulation> taskRoleSsmMessages,
                        ExecAccess execAccess, Fetched<ContainerInstance> containerInstance, Fetched<NetworkPath> networkPath) {
        this(target, taskDefinition, owningService, cluster, taskRole, taskRoleSsmMessages, execAccess, containerInstance,
                networkPath, new ExecProbe.Off(target.task().clusterName()));
    }

    /** The same facts with the probe's. */
    public TaskSnapshot withExecProbe(ExecProbe probe) {
        return new TaskSnapshot(target, taskDefinition, owningService, cluster, taskRole, taskRoleSsmMessages, execAccess,
                containerInstance, networkPath, probe);
    }

    /** A running task's snapshot. */
    public TaskSnapshot(EcsTask task, Fetched<TaskDefinition> taskDefinition, Fetched<EcsService> owningService, Fetched<EcsCluster> cluster,
                        Fetched<TaskRole> taskRole, Fetched<PermissionSimulation> taskRoleSsmMessages, ExecAccess execAccess,
                        Fetched<ContainerInstance> containerInstance, Fetched<NetworkPath> networkPath) {
        this(new RunningTask(task), taskDefinition, owningService, cluster, taskRole, taskRoleSsmMessages, execAccess, containerInstance,
                networkPath);
    }

    /** The task's facts (for the next task of a service, the settings it will start with). */
    public EcsTask task() {
        return target.task();
    }

    /** Whether ECS Exec was on when the task started; unknown counts as off only where a check says so. */
    public boolean execEnabled() {
        return Boolean.TRUE.equals(task().enableExecuteCommand());
    }
}
