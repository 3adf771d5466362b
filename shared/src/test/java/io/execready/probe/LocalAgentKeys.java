package io.execready.probe;

import io.execready.harness.LocalExecAgent;
import java.security.SecureRandom;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * KMS for a probe test without an emulator: GenerateDataKey hands out 64 random bytes under an
 * opaque blob, and the agent's unwrapping gives them back only under the same key id and
 * encryption context, as kms:Decrypt does.
 */
final class LocalAgentKeys implements DataKeySource, LocalExecAgent.KeyUnwrapper {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Issued> issued = new ConcurrentHashMap<>();

    @Override
    public DataKey generate(String keyId, Map<String, String> encryptionContext) {
        byte[] key = new byte[64];
        RANDOM.nextBytes(key);
        String blob = "blob-" + UUID.randomUUID();
        issued.put(blob, new Issued(key, Map.copyOf(encryptionContext)));
        return new DataKey(key, blob.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public byte[] plaintext(byte[] ciphertextBlob, Map<String, String> encryptionContext) {
        Issued key = issued.get(new String(ciphertextBlob, java.nio.charset.StandardCharsets.UTF_8));
        if (key == null || !key.context().equals(encryptionContext)) {
            throw new IllegalArgumentException("InvalidCiphertextException: no key under this blob and context");
        }
        return key.plaintext().clone();
    }

    /** The encryption context the data key of {@code sessionId} was generated under. */
    Map<String, String> contextOfOnlyKeyFor(String sessionId) {
        return issued.values().stream().map(Issued::context)
                .filter(context -> sessionId.equals(context.get("aws:ssm:SessionId")))
                .reduce((a, b) -> {
                    throw new AssertionError("two keys for " + sessionId);
                })
                .orElseThrow();
    }

    private record Issued(byte[] plaintext, Map<String, String> context) {
    }
}
