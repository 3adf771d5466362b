package io.execready.publish;

import java.time.Instant;
import java.util.Objects;

/**
 * A finding's {@code CreatedAt} and {@code UpdatedAt}. Security Hub keeps CreatedAt from the first
 * import and silently drops an update whose UpdatedAt is not later than the stored one, so these
 * come from whoever remembers the finding (the subject store), never from a clock in the mapper.
 */
public record FindingTimes(Instant createdAt, Instant updatedAt) {

    public FindingTimes {
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (updatedAt.isBefore(createdAt)) {
            throw new IllegalArgumentException("updatedAt " + updatedAt + " is before createdAt " + createdAt);
        }
    }

    /** A finding created and updated at the same instant. */
    public static FindingTimes at(Instant instant) {
        return new FindingTimes(instant, instant);
    }
}
