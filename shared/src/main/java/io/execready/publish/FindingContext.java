package io.execready.publish;

import io.execready.engine.TaskReport;
import java.util.Objects;

/**
 * What the mapper needs besides the report: where the findings live and their timestamps.
 *
 * @param scope      partition, region and account, from the task ARN
 * @param timestamps CreatedAt and UpdatedAt per subject and check
 */
public record FindingContext(FindingScope scope, FindingTimestamps timestamps) {

    public FindingContext {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(timestamps, "timestamps");
    }

    /** The report's task scope, every finding created and updated when the report was evaluated. */
    public static FindingContext evaluatedAt(TaskReport report) {
        return new FindingContext(FindingScope.of(report.task()), FindingTimestamps.fixed(FindingTimes.at(report.evaluatedAt())));
    }

    public static FindingContext of(TaskReport report, FindingTimestamps timestamps) {
        return new FindingContext(FindingScope.of(report.task()), timestamps);
    }
}
