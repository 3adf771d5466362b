package io.execready.snapshot;

/** A volume mounted into a container. */
public record MountPoint(String sourceVolume, String containerPath, boolean readOnly) {
}
