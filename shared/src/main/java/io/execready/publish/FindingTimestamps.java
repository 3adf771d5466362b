package io.execready.publish;

import io.execready.snapshot.Subject;
import java.util.Objects;

/**
 * The times of each finding, by subject and check: the seam where a state store supplies the
 * CreatedAt it remembered and an UpdatedAt later than the last import.
 */
@FunctionalInterface
public interface FindingTimestamps {

    FindingTimes timesFor(Subject subject, String checkId);

    /** The same times for every finding, for callers without a store. */
    static FindingTimestamps fixed(FindingTimes times) {
        Objects.requireNonNull(times, "times");
        return (subject, checkId) -> times;
    }
}
