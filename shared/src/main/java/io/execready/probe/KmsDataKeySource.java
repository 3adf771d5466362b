package io.execready.probe;

import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyResponse;

/** {@link DataKeySource} over kms:GenerateDataKey, 64 bytes as the session needs (two AES-256 keys). */
public final class KmsDataKeySource implements DataKeySource {

    private static final int SESSION_KEY_BYTES = 64;

    private final KmsClient kms;

    public KmsDataKeySource(KmsClient kms) {
        this.kms = Objects.requireNonNull(kms, "kms");
    }

    @Override
    public DataKey generate(String keyId, Map<String, String> encryptionContext) {
        GenerateDataKeyResponse response = kms.generateDataKey(r -> r.keyId(keyId)
                .numberOfBytes(SESSION_KEY_BYTES)
                .encryptionContext(encryptionContext));
        return new DataKey(response.plaintext().asByteArray(), response.ciphertextBlob().asByteArray());
    }
}
