package io.execready.state;

import java.time.Instant;
import java.util.Objects;

/**
 * The right to import one finding version with the given times, won by a conditional write.
 *
 * @param checkId           the check
 * @param key               the {@link FindingVersion} key being imported
 * @param createdAt         the finding's CreatedAt (the stored one, or now for a new finding)
 * @param updatedAt         later than every UpdatedAt handed out before for this finding
 * @param previousUpdatedAt the stored UpdatedAt the reservation was conditional on, or null when none was stored
 */
public record Reservation(String checkId, String key, Instant createdAt, Instant updatedAt, Instant previousUpdatedAt) {

    public Reservation {
        Objects.requireNonNull(checkId, "checkId");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (previousUpdatedAt != null && !updatedAt.isAfter(previousUpdatedAt)) {
            throw new IllegalArgumentException("UpdatedAt must move forward: " + updatedAt + " after " + previousUpdatedAt);
        }
    }
}
