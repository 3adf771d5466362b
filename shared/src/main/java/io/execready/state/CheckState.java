package io.execready.state;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import software.amazon.awssdk.core.SdkBytes;

/**
 * What the store remembers of one (subject, check) finding.
 *
 * @param checkId            the check
 * @param fingerprint        the {@link FindingVersion} key of the last import, or null when none finished
 * @param createdAt          the finding's CreatedAt, fixed at its first reservation
 * @param updatedAt          the latest UpdatedAt handed out, imported or still in flight
 * @param importedAt         when the last import finished, or null
 * @param status             the check status of the last import, or null
 * @param taskArn            the task whose evaluation was last imported, or null
 * @param finding            the last imported finding (gzip'd ASFF JSON), or null
 * @param pendingFingerprint the key an evaluation has reserved and is importing now, or null
 * @param reservedAt         when that reservation was made, or null
 */
public record CheckState(
        String checkId,
        String fingerprint,
        Instant createdAt,
        Instant updatedAt,
        Instant importedAt,
        String status,
        String taskArn,
        SdkBytes finding,
        String pendingFingerprint,
        Instant reservedAt) {

    public CheckState {
        Objects.requireNonNull(checkId, "checkId");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /**
     * Whether another evaluation reserved this very content recently enough that it is still
     * importing it: a reservation older than {@code lease} belongs to an invocation that died, and
     * may be taken over.
     */
    public boolean inFlight(String key, Instant now, Duration lease) {
        return key.equals(pendingFingerprint) && reservedAt != null && reservedAt.plus(lease).isAfter(now);
    }

    public boolean isArchived() {
        return fingerprint != null && FindingVersion.isArchived(fingerprint);
    }
}
