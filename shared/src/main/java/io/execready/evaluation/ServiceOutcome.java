package io.execready.evaluation;

import io.execready.engine.TaskReport;
import io.execready.snapshot.Subject;
import io.execready.state.PublishResult;
import java.util.Objects;
import java.util.Optional;

/**
 * What a service trigger did.
 *
 * @param subject   the service's subject, or null when the service does not exist
 * @param report    the preflight and service checks' verdicts, or null when nothing was evaluated
 * @param published what changed in Security Hub and the alert state
 * @param summary   "evaluated", "archived: why" or "not evaluated: why"
 */
public record ServiceOutcome(Subject subject, TaskReport report, PublishResult published, String summary) {

    public ServiceOutcome {
        Objects.requireNonNull(published, "published");
        Objects.requireNonNull(summary, "summary");
    }

    public Optional<TaskReport> evaluated() {
        return Optional.ofNullable(report);
    }
}
