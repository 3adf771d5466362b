package io.execready.evaluation;

import io.execready.engine.CheckEngine;
import io.execready.engine.TaskReport;
import io.execready.publish.Alert;
import io.execready.publish.AlertComposer;
import io.execready.publish.AsffFindingMapper;
import io.execready.publish.FindingContext;
import io.execready.publish.FindingScope;
import io.execready.publish.PublishOutcome;
import io.execready.publish.SecurityHubPublisher;
import io.execready.publish.SnsAlertPublisher;
import io.execready.snapshot.EcsTask;
import java.util.Objects;
import java.util.Optional;

/**
 * The one path every trigger takes: load the task's snapshot, run the checks, publish the findings
 * and, when the task cannot be exec'd into, an alert. Publishing failures propagate (after the
 * publishers' own retries) so the invocation fails and Lambda retries it or dead-letters it.
 */
public final class TaskEvaluation {

    private final TaskSnapshotLoader loader;
    private final CheckEngine engine;
    private final AsffFindingMapper findingMapper;
    private final SecurityHubPublisher securityHub;
    private final AlertComposer alertComposer;
    private final SnsAlertPublisher alerts;

    /**
     * @param securityHub the findings publisher, or null when findings are not imported
     * @param alerts      the alert publisher, or null when no alert topic is configured
     */
    public TaskEvaluation(TaskSnapshotLoader loader, CheckEngine engine, AsffFindingMapper findingMapper,
                          SecurityHubPublisher securityHub, AlertComposer alertComposer, SnsAlertPublisher alerts) {
        this.loader = Objects.requireNonNull(loader, "loader");
        this.engine = Objects.requireNonNull(engine, "engine");
        this.findingMapper = Objects.requireNonNull(findingMapper, "findingMapper");
        this.securityHub = securityHub;
        this.alertComposer = Objects.requireNonNull(alertComposer, "alertComposer");
        this.alerts = alerts;
    }

    /** Evaluates without publishing anything. */
    public TaskReport evaluate(EcsTask task) {
        return engine.evaluate(loader.load(task));
    }

    /** Evaluates and publishes findings and, when Exec is not ready, one alert. */
    public EvaluationOutcome evaluateAndPublish(EcsTask task) {
        TaskReport report = evaluate(task);
        int imported = 0;
        if (securityHub != null) {
            PublishOutcome outcome = securityHub.publish(findingMapper.map(report, FindingContext.evaluatedAt(report)));
            imported = outcome.imported();
        }
        String alertId = null;
        if (alerts != null) {
            Optional<Alert> alert = alertComposer.compose(report, FindingScope.of(task));
            if (alert.isPresent()) {
                alertId = alerts.publish(alert.get());
            }
        }
        return new EvaluationOutcome(report, imported, alertId);
    }
}
