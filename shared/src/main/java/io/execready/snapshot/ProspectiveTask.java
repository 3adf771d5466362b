package io.execready.snapshot;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The task a service will start next, made from the service's own settings, so that the task
 * checks that need no running task can judge a service before its first task starts (preflight).
 *
 * <p>Its id is {@code next-task-of-NAME}, which no ECS task id can be (they are hexadecimal), so
 * messages recognise it and never name a task that does not exist. It has no containers' runtime
 * state, no container instance and no version. Its ENI attachment carries the service's first
 * awsvpc subnet, security groups and public IP setting; no interface id, since none exists yet.
 */
public final class ProspectiveTask {

    /** The id prefix that marks a prospective task. */
    public static final String ID_PREFIX = "next-task-of-";
    static final String SECURITY_GROUPS = "securityGroups";
    static final String ASSIGN_PUBLIC_IP = "assignPublicIp";
    private static final String SUBNET_ID = "subnetId";

    private ProspectiveTask() {
    }

    /** The next task {@code service} starts, as its PRIMARY deployment would start it. */
    public static EcsTask of(EcsService service) {
        Arn serviceArn = Arn.parse(service.serviceArn())
                .orElseThrow(() -> new IllegalArgumentException("Not a service ARN: " + service.serviceArn()));
        String clusterArn = Objects.requireNonNull(service.clusterArn(), "the service's cluster ARN");
        String clusterName = Arn.parse(clusterArn).map(Arn::resourceName).orElse(clusterArn);
        String taskArn = serviceArn.sibling("ecs", "task/" + clusterName + "/" + ID_PREFIX + service.serviceName()).toString();
        List<TaskAttachment> attachments = new ArrayList<>();
        service.awsvpcNetwork().filter(network -> !network.subnetIds().isEmpty()).ifPresent(network -> attachments.add(
                new TaskAttachment("eni", "PRECREATED", Map.of(
                        SUBNET_ID, network.subnetIds().getFirst(),
                        SECURITY_GROUPS, String.join(",", network.securityGroupIds()),
                        ASSIGN_PUBLIC_IP, String.valueOf(Boolean.TRUE.equals(network.assignPublicIp()))))));
        return new EcsTask(taskArn, clusterArn, service.taskDefinitionArn(), "service:" + service.serviceName(),
                service.primaryDeploymentId(), null, "RUNNING", null, service.launchType(), service.platformVersion(), null,
                service.enableExecuteCommand(), null, null, null, attachments, List.of(), TaskOverrides.NONE);
    }

    /** Whether the task is a prospective one rather than a task ECS started. */
    public static boolean isProspective(EcsTask task) {
        return task.arn().resourceName().startsWith(ID_PREFIX);
    }

    /**
     * The ENI a prospective task will get, as far as the service's settings tell: its subnet,
     * security groups and whether it gets a public IP; empty for a task ECS started.
     */
    public static Optional<NetworkInterface> plannedInterface(EcsTask task) {
        if (!isProspective(task)) {
            return Optional.empty();
        }
        return task.networkInterface().map(eni -> {
            String groups = eni.details().getOrDefault(SECURITY_GROUPS, "");
            boolean publicIp = Boolean.parseBoolean(eni.details().get(ASSIGN_PUBLIC_IP));
            return new NetworkInterface("(the ENI of " + task.taskId() + ")", eni.details().get(SUBNET_ID), null, null, null,
                    publicIp ? "(assigned at launch)" : null,
                    groups.isEmpty() ? List.of() : List.of(groups.split(",")));
        });
    }
}
