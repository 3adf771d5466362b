package io.execready.snapshot;

import java.util.Objects;

/**
 * An S3 bucket that ECS Exec uploads session output to, with its default encryption.
 *
 * @param name                the bucket name
 * @param encryptionAlgorithm the default SSE algorithm ({@code AES256}, {@code aws:kms}, {@code aws:kms:dsse}),
 *                            or null when the bucket reports no default encryption
 */
public record S3Bucket(String name, String encryptionAlgorithm) {

    public S3Bucket {
        Objects.requireNonNull(name, "name");
    }

    public boolean encrypted() {
        return encryptionAlgorithm != null && !encryptionAlgorithm.isBlank();
    }
}
