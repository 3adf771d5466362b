package io.execready.snapshot;

import java.util.List;
import java.util.Objects;

/**
 * What a task's launch overrode in one container. Only environment variable names are kept:
 * values may be secrets and are never read into the snapshot.
 */
public record ContainerOverride(String name, List<String> environmentNames) {

    public ContainerOverride {
        Objects.requireNonNull(name, "name");
        environmentNames = environmentNames == null ? List.of() : List.copyOf(environmentNames);
    }
}
