package io.execready.probe;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The session's AES-GCM keys, cut from one 64-byte KMS data key: the first half decrypts what the
 * agent sends, the second half encrypts what the client sends. Ciphertext is a 12-byte nonce
 * followed by the sealed bytes and their tag.
 */
final class SessionCipher {

    private static final int NONCE_LENGTH = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec decryptionKey;
    private final SecretKeySpec encryptionKey;

    SessionCipher(byte[] dataKey) {
        int half = dataKey.length / 2;
        this.decryptionKey = new SecretKeySpec(Arrays.copyOfRange(dataKey, 0, half), "AES");
        this.encryptionKey = new SecretKeySpec(Arrays.copyOfRange(dataKey, half, dataKey.length), "AES");
    }

    byte[] encrypt(byte[] plaintext) throws GeneralSecurityException {
        byte[] nonce = new byte[NONCE_LENGTH];
        RANDOM.nextBytes(nonce);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, encryptionKey, new GCMParameterSpec(TAG_BITS, nonce));
        byte[] sealed = cipher.doFinal(plaintext);
        byte[] out = Arrays.copyOf(nonce, NONCE_LENGTH + sealed.length);
        System.arraycopy(sealed, 0, out, NONCE_LENGTH, sealed.length);
        return out;
    }

    byte[] decrypt(byte[] ciphertext) throws GeneralSecurityException {
        if (ciphertext.length < NONCE_LENGTH) {
            throw new GeneralSecurityException("ciphertext of " + ciphertext.length + " bytes has no nonce");
        }
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, decryptionKey,
                new GCMParameterSpec(TAG_BITS, Arrays.copyOfRange(ciphertext, 0, NONCE_LENGTH)));
        return cipher.doFinal(ciphertext, NONCE_LENGTH, ciphertext.length - NONCE_LENGTH);
    }
}
