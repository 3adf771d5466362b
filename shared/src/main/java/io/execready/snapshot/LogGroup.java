package io.execready.snapshot;

import java.util.Objects;

/**
 * A CloudWatch Logs log group that ECS Exec sends session output to.
 *
 * @param name     the log group name
 * @param kmsKeyId the ARN of the KMS key the group is encrypted with, or null when it has none
 */
public record LogGroup(String name, String kmsKeyId) {

    public LogGroup {
        Objects.requireNonNull(name, "name");
    }

    public boolean encryptedWithKmsKey() {
        return kmsKeyId != null && !kmsKeyId.isBlank();
    }
}
