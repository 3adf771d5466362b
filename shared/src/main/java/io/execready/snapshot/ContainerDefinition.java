package io.execready.snapshot;

import java.util.List;
import java.util.Objects;

/**
 * A container definition as far as ECS Exec cares. Environment and secret entries are kept by
 * name only: values never enter the snapshot.
 *
 * @param name                   the container name
 * @param image                  the image reference
 * @param essential              whether the task stops when it stops; null when unreported
 * @param readonlyRootFilesystem null when absent (which means writable)
 * @param initProcessEnabled     {@code linuxParameters.initProcessEnabled}, null when absent
 * @param restartPolicyEnabled   {@code restartPolicy.enabled}, null when absent
 * @param memory                 hard limit in MiB, null when unset
 * @param memoryReservation      soft limit in MiB, null when unset
 * @param logDriver              {@code logConfiguration.logDriver}, null when unset
 * @param environmentNames       names from {@code environment[]}
 * @param secretNames            names from {@code secrets[]}
 * @param mountPoints            volumes mounted into the container
 * @param noProxy                the value of {@code NO_PROXY} (else {@code no_proxy}) in {@code environment[]},
 *                               the one environment value kept; null when unset
 */
public record ContainerDefinition(
        String name,
        String image,
        Boolean essential,
        Boolean readonlyRootFilesystem,
        Boolean initProcessEnabled,
        Boolean restartPolicyEnabled,
        Integer memory,
        Integer memoryReservation,
        String logDriver,
        List<String> environmentNames,
        List<String> secretNames,
        List<MountPoint> mountPoints,
        String noProxy) {

    public ContainerDefinition {
        Objects.requireNonNull(name, "name");
        environmentNames = environmentNames == null ? List.of() : List.copyOf(environmentNames);
        secretNames = secretNames == null ? List.of() : List.copyOf(secretNames);
        mountPoints = mountPoints == null ? List.of() : List.copyOf(mountPoints);
    }

    public ContainerDefinition(String name, String image, Boolean essential, Boolean readonlyRootFilesystem, Boolean initProcessEnabled,
                               Boolean restartPolicyEnabled, Integer memory, Integer memoryReservation, String logDriver,
                               List<String> environmentNames, List<String> secretNames, List<MountPoint> mountPoints) {
        this(name, image, essential, readonlyRootFilesystem, initProcessEnabled, restartPolicyEnabled, memory, memoryReservation,
                logDriver, environmentNames, secretNames, mountPoints, null);
    }

    public boolean hasReadOnlyRoot() {
        return Boolean.TRUE.equals(readonlyRootFilesystem);
    }
}
