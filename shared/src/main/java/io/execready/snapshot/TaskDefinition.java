package io.execready.snapshot;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The task definition revision a task runs.
 *
 * @param taskDefinitionArn  the revision's ARN
 * @param family             the family name
 * @param taskRoleArn        the task role, or null
 * @param executionRoleArn   the execution role, or null
 * @param networkMode        awsvpc, bridge, host, none; null means the platform default
 * @param pidMode            task, host, or null
 * @param cpu                task-level CPU units as ECS reports them (a string), or null
 * @param memory             task-level memory in MiB as ECS reports it (a string), or null
 * @param operatingSystemFamily {@code runtimePlatform.operatingSystemFamily}, or null
 * @param containers         the container definitions
 * @param volumes            the task volumes
 */
public record TaskDefinition(
        String taskDefinitionArn,
        String family,
        String taskRoleArn,
        String executionRoleArn,
        String networkMode,
        String pidMode,
        String cpu,
        String memory,
        String operatingSystemFamily,
        List<ContainerDefinition> containers,
        List<TaskVolume> volumes) {

    public TaskDefinition {
        Objects.requireNonNull(taskDefinitionArn, "taskDefinitionArn");
        containers = containers == null ? List.of() : List.copyOf(containers);
        volumes = volumes == null ? List.of() : List.copyOf(volumes);
    }

    public Optional<ContainerDefinition> container(String name) {
        return containers.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    public Optional<TaskVolume> volume(String name) {
        return volumes.stream().filter(v -> v.name().equals(name)).findFirst();
    }
}
