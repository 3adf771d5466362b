package io.execready.evaluation;

import io.execready.engine.TaskReport;
import io.execready.publish.PublishResult;
import io.execready.snapshot.ReadFailure;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one evaluation found and what it published.
 *
 * @param report    every check's verdict
 * @param authority whether the task could change its subject's findings, and why
 * @param published what was imported and alerted ({@link PublishResult#NOTHING} for evidence only)
 */
public record EvaluationOutcome(TaskReport report, PublishAuthority authority, PublishResult published) {

    public EvaluationOutcome {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(authority, "authority");
        Objects.requireNonNull(published, "published");
    }

    public int findingsImported() {
        return published.findingsImported();
    }

    public Optional<String> alertSent() {
        return published.alertMessageId();
    }

    /**
     * The reads of the moment that left a published subject undetermined: what was safe to publish
     * is published, and a retry of the invocation may decide the subject. Empty for a task that
     * publishes nothing (its retry would change nothing) and for a decided subject.
     */
    public List<ReadFailure> momentaryReadFailures() {
        return authority.authoritative() ? report.momentaryReadFailures() : List.of();
    }
}
