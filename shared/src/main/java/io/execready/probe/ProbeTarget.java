package io.execready.probe;

import java.util.Objects;

/**
 * The container a probe opens a session into, with its runtime id (as the task reports it), which
 * the session's target id names: {@code ecs:<cluster name>_<task id>_<container runtime id>}.
 */
public record ProbeTarget(String clusterArn, String taskArn, String containerName, String runtimeId) {
    public ProbeTarget {
        Objects.requireNonNull(clusterArn, "clusterArn");
        Objects.requireNonNull(taskArn, "taskArn");
        Objects.requireNonNull(containerName, "containerName");
        Objects.requireNonNull(runtimeId, "runtimeId");
    }

    /** The target id ECS Exec binds a session to, named in the KMS encryption context. */
    public String targetId() {
        return "ecs:" + lastSegment(clusterArn) + "_" + lastSegment(taskArn) + "_" + runtimeId;
    }

    private static String lastSegment(String arn) {
        return arn.substring(arn.lastIndexOf('/') + 1);
    }
}
