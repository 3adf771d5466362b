package io.execready.probe;

import java.util.Objects;

/** The container a probe opens a session into. */
public record ProbeTarget(String clusterArn, String taskArn, String containerName) {
    public ProbeTarget {
        Objects.requireNonNull(clusterArn, "clusterArn");
        Objects.requireNonNull(taskArn, "taskArn");
        Objects.requireNonNull(containerName, "containerName");
    }
}
