package io.execready.evaluation;

import io.execready.engine.TaskReport;
import java.util.Objects;
import java.util.Optional;

/**
 * What one evaluation found and what it published.
 *
 * @param report           every check's verdict
 * @param findingsImported Security Hub findings imported (0 when Security Hub publishing is off)
 * @param alertMessageId   the SNS message id of the alert sent, or null when none was sent
 */
public record EvaluationOutcome(TaskReport report, int findingsImported, String alertMessageId) {

    public EvaluationOutcome {
        Objects.requireNonNull(report, "report");
    }

    public Optional<String> alertSent() {
        return Optional.ofNullable(alertMessageId);
    }
}
