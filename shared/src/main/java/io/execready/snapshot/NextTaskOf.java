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
 * <p>Its {@link #task()} has no containers' runtime state, no container instance and no version.
 * Its ARN ends in {@code next-task-of-NAME}, which no ECS task id can be (they are hexadecimal), so
 * it never names a task that exists; nothing tells the two kinds apart by it: the type does. Its ENI
 * attachment carries the service's first awsvpc subnet, security groups and public IP setting; no
 * interface id, since none exists yet.
 *
 * @param service the service whose next task this is
 * @param task    the task as the service's PRIMARY deployment would start it
 */
public record NextTaskOf(EcsService service, EcsTask task) implements EvaluatedTask {

    private static final String ID_PREFIX = "next-task-of-";
    private static final String SECURITY_GROUPS = "securityGroups";
    private static final String ASSIGN_PUBLIC_IP = "assignPublicIp";
    private static final String SUBNET_ID = "subnetId";

    public NextTaskOf {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(task, "task");
    }

    /** The next task {@code service} starts, as its PRIMARY deployment would start it. */
    public static NextTaskOf of(EcsService service) {
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
        EcsTask task = new EcsTask(taskArn, clusterArn, service.taskDefinitionArn(), "service:" + service.serviceName(),
                service.primaryDeploymentId(), null, "RUNNING", null, service.launchType(), service.platformVersion(), null,
                service.enableExecuteCommand(), null, null, null, attachments, List.of(), TaskOverrides.NONE);
        return new NextTaskOf(service, task);
    }

    @Override
    public String name() {
        return "the next task of service " + service.serviceName();
    }

    /**
     * The ENI the task will get, as far as the service's settings tell: its subnet, security groups
     * and whether it gets a public IP; empty for a service outside awsvpc networking.
     */
    public Optional<NetworkInterface> plannedInterface() {
        return task.networkInterface().map(eni -> {
            String groups = eni.details().getOrDefault(SECURITY_GROUPS, "");
            boolean publicIp = Boolean.parseBoolean(eni.details().get(ASSIGN_PUBLIC_IP));
            return new NetworkInterface("(the ENI of " + task.taskId() + ")", eni.details().get(SUBNET_ID), null, null, null,
                    publicIp ? "(assigned at launch)" : null,
                    groups.isEmpty() ? List.of() : List.of(groups.split(",")));
        });
    }
}
