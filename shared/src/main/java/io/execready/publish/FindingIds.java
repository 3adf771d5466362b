package io.execready.publish;

import io.execready.snapshot.Subject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Security Hub finding ids: one per subject and check, so every task of a service updates the
 * same finding, and a reviewer's workflow on it survives deployments.
 *
 * <p>The id reads {@code execready/PARTITION/REGION/ACCOUNT/SUBJECT_KEY/CHECK_ID}, where the
 * subject key is {@link Subject#key()} (cluster ARN and group). Cluster and service names may be
 * 255 characters each, so when the id would pass Security Hub's 512-character limit the subject
 * key is replaced by its SHA-256: still deterministic, still one id per subject.
 */
public final class FindingIds {

    static final String PREFIX = "execready";
    static final String HASHED_SUBJECT_PREFIX = "sha256-";

    private FindingIds() {
    }

    public static String of(FindingScope scope, Subject subject, String checkId) {
        String location = PREFIX + "/" + scope.partition() + "/" + scope.region() + "/" + scope.awsAccountId() + "/";
        String readable = location + subject.key() + "/" + checkId;
        if (readable.length() <= AsffLimits.FINDING_ID) {
            return readable;
        }
        String hashed = location + HASHED_SUBJECT_PREFIX + sha256(subject.key()) + "/" + checkId;
        if (hashed.length() <= AsffLimits.FINDING_ID) {
            return hashed;
        }
        // Only a check id of hundreds of characters gets here; catalog ids are short.
        return PREFIX + "/" + HASHED_SUBJECT_PREFIX + sha256(readable);
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime provides SHA-256", e);
        }
    }
}
