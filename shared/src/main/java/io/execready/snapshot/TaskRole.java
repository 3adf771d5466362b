package io.execready.snapshot;

import java.util.Objects;

/** The IAM role the ECS Exec agent in a task runs as, and where it came from. */
public record TaskRole(String roleArn, RoleSource source) {

    public TaskRole {
        Objects.requireNonNull(roleArn, "roleArn");
        Objects.requireNonNull(source, "source");
    }
}
