package io.execready.snapshot;

import java.util.Objects;
import java.util.Optional;

/** The IAM role the ECS Exec agent in a task runs as, and where it came from. */
public record TaskRole(String roleArn, RoleSource source, InstanceMetadataOptions instanceMetadataOptions) {

    public TaskRole {
        Objects.requireNonNull(roleArn, "roleArn");
        Objects.requireNonNull(source, "source");
    }

    public TaskRole(String roleArn, RoleSource source) {
        this(roleArn, source, null);
    }

    /**
     * For a role of the instance profile: how the instance's metadata service, which hands out its
     * credentials, is set; empty for other roles or when EC2 did not report it.
     */
    public Optional<InstanceMetadataOptions> instanceMetadata() {
        return Optional.ofNullable(instanceMetadataOptions);
    }
}
