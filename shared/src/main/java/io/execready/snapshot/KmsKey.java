package io.execready.snapshot;

import java.util.Objects;

/**
 * The KMS key a cluster encrypts ECS Exec sessions with, as kms:DescribeKey reports it.
 *
 * @param keyArn   the key's ARN (an alias resolves to the key it points at)
 * @param keyState Enabled, Disabled, PendingDeletion, PendingImport, Unavailable, ...
 */
public record KmsKey(String keyArn, String keyState) {

    public static final String ENABLED = "Enabled";

    public KmsKey {
        Objects.requireNonNull(keyArn, "keyArn");
        Objects.requireNonNull(keyState, "keyState");
    }

    public boolean enabled() {
        return ENABLED.equals(keyState);
    }
}
