package io.execready.snapshot;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A running container of a task.
 *
 * @param name          the container name from the task definition
 * @param containerArn  the container's ARN, or null
 * @param lastStatus    the container's status, or null
 * @param image         the image reference, or null
 * @param managedAgents the agents ECS reported, or null when the container has no managedAgents at
 *                      all (a GuardDuty runtime-monitoring sidecar or Service Connect proxy), which
 *                      is not the same as an empty list
 */
public record TaskContainer(String name, String containerArn, String lastStatus, String image, List<ManagedAgent> managedAgents,
                            String runtimeId) {

    public TaskContainer {
        Objects.requireNonNull(name, "name");
        managedAgents = managedAgents == null ? null : List.copyOf(managedAgents);
        runtimeId = runtimeId == null ? "" : runtimeId;
    }

    /** A container whose runtime id was not reported. */
    public TaskContainer(String name, String containerArn, String lastStatus, String image, List<ManagedAgent> managedAgents) {
        this(name, containerArn, lastStatus, image, managedAgents, "");
    }

    /** The container runtime's id (Docker's container id), which an ECS Exec session's target names; empty when not reported. */
    public Optional<String> reportedRuntimeId() {
        return runtimeId.isEmpty() ? Optional.empty() : Optional.of(runtimeId);
    }

    /** The container's ECS Exec agent, when ECS reported one. */
    public Optional<ManagedAgent> executeCommandAgent() {
        if (managedAgents == null) {
            return Optional.empty();
        }
        return managedAgents.stream().filter(ManagedAgent::isExecuteCommandAgent).findFirst();
    }
}
