package io.execready.snapshot;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The task being evaluated, as the EventBridge event or DescribeTasks reported it. Fields AWS may
 * leave out are null: a missing field is unknown, not false.
 *
 * @param taskArn              the task ARN; its partition and region are the ones used everywhere
 * @param clusterArn           the cluster ARN
 * @param taskDefinitionArn    the task definition revision the task runs
 * @param group                {@code service:NAME} or {@code family:NAME}
 * @param startedBy            {@code ecs-svc/...} (a deployment id) for service tasks
 * @param lastStatus           PROVISIONING ... RUNNING ... STOPPED
 * @param desiredStatus        RUNNING or STOPPED
 * @param stoppedReason        why the task stopped, when it did
 * @param launchType           FARGATE, EC2, EXTERNAL; null for capacity-provider tasks that omit it
 * @param platformVersion      Fargate platform version such as 1.4.0, or null
 * @param platformFamily       Fargate platform family such as Linux or Windows_Server_2019_Core, or null
 * @param enableExecuteCommand whether ECS Exec was on when the task started, null when unreported
 * @param containerInstanceArn the EC2 or external instance, for non-Fargate tasks
 * @param availabilityZone     the task's AZ, or null
 * @param version              grows with every change of the task; null when unreported
 * @param attachments          ENI and other attachments, in ECS's order
 * @param containers           the task's containers
 * @param overrides            launch overrides
 */
public record EcsTask(
        String taskArn,
        String clusterArn,
        String taskDefinitionArn,
        String group,
        String startedBy,
        String lastStatus,
        String desiredStatus,
        String stoppedReason,
        String launchType,
        String platformVersion,
        String platformFamily,
        Boolean enableExecuteCommand,
        String containerInstanceArn,
        String availabilityZone,
        Long version,
        List<TaskAttachment> attachments,
        List<TaskContainer> containers,
        TaskOverrides overrides) {

    public EcsTask {
        Objects.requireNonNull(taskArn, "taskArn");
        Objects.requireNonNull(clusterArn, "clusterArn");
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
        containers = containers == null ? List.of() : List.copyOf(containers);
        overrides = overrides == null ? TaskOverrides.NONE : overrides;
    }

    /** The task ARN parsed; an unparseable ARN is rejected before a task is built. */
    public Arn arn() {
        return Arn.parse(taskArn).orElseThrow(() -> new IllegalStateException("Not a task ARN: " + taskArn));
    }

    /** The short task id, the last segment of the ARN. */
    public String taskId() {
        return arn().resourceName();
    }

    public String clusterName() {
        return Arn.parse(clusterArn).map(Arn::resourceName).orElse(clusterArn);
    }

    /** The service name when the task belongs to a service ({@code group} is {@code service:NAME}). */
    public Optional<String> serviceName() {
        return group != null && group.startsWith("service:") ? Optional.of(group.substring("service:".length())) : Optional.empty();
    }

    /** The first ENI attachment, wherever it sits in the list. */
    public Optional<TaskAttachment> networkInterface() {
        return attachments.stream().filter(TaskAttachment::isNetworkInterface).findFirst();
    }
}
