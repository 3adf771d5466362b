package io.execready.snapshot;

import java.util.List;
import java.util.Optional;

/**
 * A task's launch overrides.
 *
 * @param taskRoleArn        the task role given at launch, or null
 * @param containerOverrides per-container overrides
 */
public record TaskOverrides(String taskRoleArn, List<ContainerOverride> containerOverrides) {

    public static final TaskOverrides NONE = new TaskOverrides(null, List.of());

    public TaskOverrides {
        containerOverrides = containerOverrides == null ? List.of() : List.copyOf(containerOverrides);
    }

    public Optional<ContainerOverride> forContainer(String name) {
        return containerOverrides.stream().filter(o -> o.name().equals(name)).findFirst();
    }
}
