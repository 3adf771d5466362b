package io.execready.probe;

import java.util.Map;

/** Where the probe gets the session's data key: kms:GenerateDataKey in production. */
@FunctionalInterface
public interface DataKeySource {

    /** 64 bytes of key for {@code keyId} under {@code encryptionContext}; throws with the service's words on refusal. */
    DataKey generate(String keyId, Map<String, String> encryptionContext) throws Exception;

    /** The plaintext key the client keeps and the ciphertext blob it hands the agent. */
    record DataKey(byte[] plaintext, byte[] ciphertextBlob) {
        public DataKey {
            plaintext = plaintext.clone();
            ciphertextBlob = ciphertextBlob.clone();
        }

        @Override
        public byte[] plaintext() {
            return plaintext.clone();
        }

        @Override
        public byte[] ciphertextBlob() {
            return ciphertextBlob.clone();
        }
    }
}
