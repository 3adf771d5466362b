package io.execready.snapshot;

/**
 * A task definition volume.
 *
 * @param name the volume name mount points refer to
 * @param kind host, docker, efs, fsx, or bind (a task-scoped bind mount with no host path)
 */
public record TaskVolume(String name, String kind) {
}
