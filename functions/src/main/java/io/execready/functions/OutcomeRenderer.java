package io.execready.functions;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.execready.engine.CheckResult;
import io.execready.engine.CheckStatus;
import io.execready.engine.ReadFailedException;
import io.execready.engine.SubjectReport;
import io.execready.evaluation.ClusterSweep;
import io.execready.evaluation.EvaluationOutcome;
import io.execready.evaluation.ServiceOutcome;
import io.execready.evaluation.SettlementOutcome;
import io.execready.evaluation.TaskEventOutcome;
import io.execready.functions.FunctionOutcome.ClusterMessage;
import io.execready.functions.FunctionOutcome.ServiceVerdict;
import io.execready.functions.FunctionOutcome.TaskVerdicts;
import io.execready.functions.Rendered.Level;
import io.execready.functions.Rendered.LogLine;
import io.execready.logging.Metrics;
import io.execready.publish.AlertTransition;
import io.execready.publish.PublishResult;
import io.execready.snapshot.ReadFailure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one place an outcome becomes what leaves a function: the JSON response, the structured log
 * line(s) and the embedded-metric counts. Handlers decide; this only renders, so every function
 * names the same fact the same way ({@code outcome}, {@code awsCallCount}, {@code findingsImported}, ...).
 */
final class OutcomeRenderer {

    static final String IMPORT_CALL = "SecurityHub:BatchImportFindings";

    private OutcomeRenderer() {
    }

    /** The response of an invocation that did not get as far as an evaluation, or was not asked one. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Refusal(String outcome, String reason) {
    }

    /** A running task's evaluation: EVALUATED, or EVIDENCE_ONLY for a task that does not speak for its subject. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record TaskEvaluated(String outcome, String publishReason, ReportView report, int findingsImported, int findingsUnchanged,
                         String transition, String alertMessageId) {
    }

    /** What a stopped task meant for its subject: ARCHIVED or KEPT. */
    record TaskSettled(String outcome, String subject, String reason, int findingsArchived) {
    }

    /** A service trigger's result: EVALUATED (with the service's report), ARCHIVED or NOT_EVALUATED. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ServiceHandled(String outcome, String trigger, String subject, String summary, int findingsImported, int findingsUnchanged,
                          String transition, Boolean execReadyBeforeStart, List<String> failingChecks, ReportView report) {
    }

    /** An on-demand request that is not one. */
    record RequestRejected(String outcome, List<String> problems) {
    }

    /** An on-demand check's result. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record OnDemandChecked(String cluster, String service, Object serviceReport, String outcome, String error, Boolean published,
                           Integer tasksEvaluated, Long execReady, Long notReady, String truncated, List<String> notEvaluated,
                           List<ReportView> reports) {
    }

    /** A custom action's re-check: one on-demand result per subject, and the findings left out. */
    record Rechecked(String outcome, String action, List<Object> subjects, List<String> skipped) {
    }

    /** The sweep schedule's dispatch. */
    record SweepDispatched(String outcome, int clusters) {
    }

    static Rendered render(FunctionOutcome outcome) {
        return switch (outcome) {
            case FunctionOutcome.Ignored ignored -> new Rendered(new Refusal("IGNORED", ignored.reason()),
                    List.of(line(Level.WARN, "event ignored: " + ignored.reason(),
                            "outcome", "IGNORED", "eventId", ignored.eventId(), "detailType", ignored.detailType())),
                    noMetrics());
            case FunctionOutcome.NothingAsked nothing -> new Rendered(new Refusal("SKIPPED", nothing.reason()),
                    List.of(line(Level.INFO, nothing.reason() + ": nothing to do", "outcome", "SKIPPED", "eventId", nothing.eventId())),
                    noMetrics());
            case FunctionOutcome.TaskEventHandled handled -> taskEvent(handled);
            case FunctionOutcome.UndeterminedForNow undetermined -> undeterminedForNow(undetermined);
            case FunctionOutcome.ServiceEventHandled handled -> serviceEvent(handled);
            case FunctionOutcome.RequestRejected rejected -> new Rendered(new RequestRejected("REJECTED", rejected.problems()),
                    List.of(line(Level.WARN, "on-demand request rejected: " + String.join("; ", rejected.problems()), "outcome", "REJECTED")),
                    noMetrics());
            case FunctionOutcome.OnDemandChecked checked -> onDemand(checked);
            case FunctionOutcome.Rechecked rechecked -> rechecked(rechecked);
            case FunctionOutcome.SweepDispatched dispatched -> new Rendered(new SweepDispatched("DISPATCHED", dispatched.clusters()),
                    List.of(line(Level.INFO, "sweep dispatched " + dispatched.clusters() + " cluster(s)",
                            withCalls(fields("outcome", "DISPATCHED", "eventId", dispatched.eventId(), "rule", dispatched.rule(),
                                    "clusters", dispatched.clusters()), dispatched.calls()))),
                    Metrics.forFunction("Sweep").count(Metrics.CLUSTERS_DISPATCHED, dispatched.clusters()));
            case FunctionOutcome.NotAnSqsEvent notSqs -> new Rendered(batchResponse(List.of()),
                    List.of(line(Level.WARN, "event ignored: not an SQS event with Records", "outcome", "IGNORED")),
                    noMetrics());
            case FunctionOutcome.ClusterMessagesHandled handled -> clusterMessages(handled);
        };
    }

    private static Rendered taskEvent(FunctionOutcome.TaskEventHandled handled) {
        String eventId = handled.eventId();
        return switch (handled.outcome()) {
            case TaskEventOutcome.Skipped skipped -> new Rendered(new Refusal("SKIPPED", skipped.reason()),
                    List.of(line(Level.INFO, skipped.reason() + ": nothing to do",
                            "outcome", "SKIPPED", "eventId", eventId, "taskArn", skipped.taskArn())),
                    noMetrics());
            case TaskEventOutcome.Unconfirmed unconfirmed -> new Rendered(new Refusal("UNCONFIRMED", unconfirmed.reason()),
                    List.of(line(Level.WARN, "event not acted on: " + unconfirmed.reason(),
                            "outcome", "UNCONFIRMED", "eventId", eventId, "taskArn", unconfirmed.taskArn())),
                    noMetrics());
            case TaskEventOutcome.Stale stale -> {
                String reason = "version " + stale.version() + " is not newer than version " + stale.lastProcessedVersion() + " already handled";
                yield new Rendered(new Refusal("STALE", reason),
                        List.of(line(Level.INFO, "event dropped: " + reason, "outcome", "STALE", "eventId", eventId, "taskArn", stale.taskArn())),
                        noMetrics());
            }
            case TaskEventOutcome.Evaluated evaluated -> taskEvaluated(handled, evaluated.outcome());
            case TaskEventOutcome.Settled settled -> {
                SettlementOutcome settlement = settled.outcome();
                String result = switch (settlement) {
                    case SettlementOutcome.Archived archived -> "ARCHIVED";
                    case SettlementOutcome.Kept kept -> "KEPT";
                };
                int archivedFindings = switch (settlement) {
                    case SettlementOutcome.Archived archived -> archived.published().findingsImported();
                    case SettlementOutcome.Kept kept -> 0;
                };
                String subject = settlement.subject().describe();
                yield new Rendered(new TaskSettled(result, subject, settlement.why(), archivedFindings),
                        List.of(line(Level.INFO, settlement.why(), withCalls(fields("outcome", result, "eventId", eventId,
                                "taskArn", handled.task().taskArn(), "subject", subject, "findingsArchived", archivedFindings), handled.calls()))),
                        noMetrics());
            }
        };
    }

    private static Rendered taskEvaluated(FunctionOutcome.TaskEventHandled handled, EvaluationOutcome outcome) {
        SubjectReport report = outcome.report();
        PublishResult published = outcome.published();
        boolean authoritative = outcome.authority().authoritative();
        String result = authoritative ? "EVALUATED" : "EVIDENCE_ONLY";
        Map<String, Object> fields = fields(
                "outcome", result,
                "eventId", handled.eventId(),
                "taskArn", handled.task().taskArn(),
                "subject", report.subject().describe(),
                "execReady", report.execReady(),
                "readiness", report.readiness().name(),
                "authoritative", authoritative,
                "findingsImported", published.findingsImported(),
                "findingsUnchanged", published.findingsUnchanged(),
                "findingsInFlight", published.findingsInFlight(),
                "alertTransition", transition(published),
                "alertSent", published.alertMessageId().isPresent(),
                "evidenceOnly", authoritative ? null : outcome.authority().reason());
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (CheckStatus status : CheckStatus.values()) {
            counts.put(status.name(), report.withStatus(status).size());
        }
        fields.put("statusCounts", counts);
        fields.put("failingChecks", checkIds(report.failures()));
        fields.put("unknownChecks", checkIds(report.withStatus(CheckStatus.UNKNOWN)));
        return new Rendered(
                new TaskEvaluated(result, outcome.authority().reason(), ReportView.of(report), published.findingsImported(),
                        published.findingsUnchanged(), transition(published), published.alertMessageId().orElse(null)),
                List.of(line(Level.INFO, switch (report.readiness()) {
                    case READY -> "ECS Exec ready";
                    case NOT_READY -> "ECS Exec NOT ready";
                    case UNDETERMINED -> "ECS Exec readiness undetermined";
                }, withCalls(fields, handled.calls()))),
                Metrics.forFunction("TaskStateChange")
                        .count(Metrics.TASKS_EVALUATED, 1)
                        .count(Metrics.NOT_READY_SUBJECTS, report.execReady() ? 0 : 1)
                        .count(Metrics.UNKNOWN_CHECKS, report.withStatus(CheckStatus.UNKNOWN).size())
                        .count(Metrics.IMPORT_CALLS, handled.calls().of(IMPORT_CALL)));
    }

    /** The handled event as it is rendered, then a failed invocation naming the reads a retry may get through. */
    private static Rendered undeterminedForNow(FunctionOutcome.UndeterminedForNow undetermined) {
        List<String> reads = undetermined.failures().stream().map(ReadFailure::describe).toList();
        String subject = undetermined.handled().subject().describe();
        String why = subject + " is undetermined because " + String.join("; ", reads);
        return render(undetermined.handled()).failing(
                line(Level.WARN, why + ": the invocation fails so that Lambda retries it",
                        "outcome", "RETRY", "readiness", "UNDETERMINED", "subject", subject, "readFailures", reads),
                new ReadFailedException("Evaluated " + subject + " but could not determine it", undetermined.failures().getFirst()));
    }

    private static Rendered serviceEvent(FunctionOutcome.ServiceEventHandled handled) {
        String subject = handled.subject().describe();
        ServiceOutcome outcome = handled.outcome();
        PublishResult published = outcome.published();
        return switch (outcome) {
            case ServiceOutcome.Debounced debounced -> new Rendered(new Refusal("DEBOUNCED", debounced.why()),
                    List.of(line(Level.INFO, handled.trigger() + " skipped: " + debounced.why(),
                            "outcome", "DEBOUNCED", "eventId", handled.eventId(), "subject", subject)),
                    noMetrics());
            case ServiceOutcome.Evaluated evaluated -> serviceHandled(handled, new ServiceHandled("EVALUATED", handled.trigger(), subject,
                    summary(outcome), published.findingsImported(), published.findingsUnchanged(), transition(published),
                    evaluated.report().execReady(), checkIds(evaluated.report().failures()), ReportView.of(evaluated.report())));
            case ServiceOutcome.Archived archived -> serviceHandled(handled, new ServiceHandled("ARCHIVED", handled.trigger(), subject,
                    summary(outcome), published.findingsImported(), published.findingsUnchanged(), transition(published), null, null, null));
            case ServiceOutcome.NotEvaluated notEvaluated -> serviceHandled(handled, new ServiceHandled("NOT_EVALUATED", handled.trigger(),
                    subject, summary(outcome), published.findingsImported(), published.findingsUnchanged(), transition(published),
                    null, null, null));
        };
    }

    private static Rendered serviceHandled(FunctionOutcome.ServiceEventHandled handled, ServiceHandled response) {
        return new Rendered(response,
                List.of(line(Level.INFO, handled.trigger() + ": " + response.summary(), withCalls(fields("eventId", handled.eventId(),
                        "subject", response.subject(), "outcome", response.outcome(), "findingsImported", response.findingsImported(),
                        "failingChecks", response.failingChecks()), handled.calls()))),
                noMetrics());
    }

    /** "evaluated", "archived: why", "not evaluated: why": the service outcome in a few words. */
    private static String summary(ServiceOutcome outcome) {
        return switch (outcome) {
            case ServiceOutcome.Evaluated evaluated -> "evaluated";
            case ServiceOutcome.Archived archived -> "archived: " + archived.why();
            case ServiceOutcome.NotEvaluated notEvaluated -> "not evaluated: " + notEvaluated.why();
            case ServiceOutcome.Debounced debounced -> "debounced: " + debounced.why();
        };
    }

    private static Rendered rechecked(FunctionOutcome.Rechecked rechecked) {
        List<Object> subjects = new ArrayList<>();
        List<LogLine> lines = new ArrayList<>();
        for (FunctionOutcome.OnDemandChecked checked : rechecked.subjects()) {
            Rendered one = onDemand(checked);
            subjects.add(one.response());
            lines.addAll(one.lines());
        }
        lines.add(line(rechecked.skipped().isEmpty() ? Level.INFO : Level.WARN,
                "custom action " + rechecked.actionName() + " re-checked " + rechecked.subjects().size() + " subject(s)",
                fields("outcome", "RECHECKED", "action", rechecked.actionName(), "subjects", rechecked.subjects().size(),
                        "skipped", rechecked.skipped())));
        return new Rendered(new Rechecked("RECHECKED", rechecked.actionName(), subjects, rechecked.skipped()), lines, noMetrics());
    }

    private static Rendered onDemand(FunctionOutcome.OnDemandChecked checked) {
        OnDemandRequest request = checked.request();
        Object serviceReport = switch (checked.service()) {
            case ServiceVerdict.NotRequested none -> null;
            case ServiceVerdict.Requested requested -> switch (requested.outcome()) {
                case ServiceOutcome.Evaluated evaluated -> ReportView.of(evaluated.report());
                case ServiceOutcome.Archived archived -> new Refusal("ARCHIVED", archived.why());
                case ServiceOutcome.NotEvaluated notEvaluated -> new Refusal("NOT_EVALUATED", notEvaluated.why());
                case ServiceOutcome.Debounced debounced -> new Refusal("DEBOUNCED", debounced.why());
            };
        };
        return switch (checked.tasks()) {
            case TaskVerdicts.NotListed notListed -> {
                String error = "could not list the tasks to check: " + notListed.reason();
                yield new Rendered(new OnDemandChecked(request.cluster(), request.service(), serviceReport, "FAILED", error,
                        null, null, null, null, null, null, null),
                        List.of(line(Level.WARN, error, "outcome", "FAILED", "cluster", request.cluster())),
                        noMetrics());
            }
            case TaskVerdicts.Evaluated evaluated -> {
                List<EvaluationOutcome> outcomes = evaluated.batch().evaluated();
                long ready = outcomes.stream().filter(o -> o.report().execReady()).count();
                int count = outcomes.size();
                String truncation = evaluated.listed() > OnDemandCheckFunction.MAX_TASKS_PER_REQUEST
                        ? "only the first " + OnDemandCheckFunction.MAX_TASKS_PER_REQUEST + " of " + evaluated.listed()
                                + " running tasks were checked; ask per service for the rest"
                        : null;
                yield new Rendered(new OnDemandChecked(request.cluster(), request.service(), serviceReport, "EVALUATED", null,
                        request.publish(), count, ready, count - ready, truncation, evaluated.batch().notEvaluated(),
                        outcomes.stream().map(o -> ReportView.of(o.report())).toList()),
                        List.of(line(Level.INFO, "on-demand check evaluated " + count + " task(s)", withCalls(fields(
                                "outcome", "EVALUATED", "cluster", request.cluster(), "task", request.task(), "service", request.service(),
                                "publish", request.publish(), "tasksEvaluated", count, "execReady", ready, "notReady", count - ready,
                                "notEvaluated", evaluated.batch().notEvaluated().size()), checked.calls()))),
                        noMetrics());
            }
        };
    }

    private static Rendered clusterMessages(FunctionOutcome.ClusterMessagesHandled handled) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        List<LogLine> lines = new ArrayList<>();
        Metrics metrics = Metrics.forFunction("SweepCluster");
        for (ClusterMessage message : handled.messages()) {
            switch (message) {
                case ClusterMessage.Dropped dropped -> lines.add(line(Level.WARN, "message dropped: " + dropped.reason(),
                        "outcome", "IGNORED", "messageId", dropped.messageId()));
                case ClusterMessage.Swept swept -> {
                    ClusterSweep.Outcome outcome = swept.outcome();
                    lines.add(line(Level.INFO, "swept cluster: " + outcome.tasksEvaluated() + " task(s) evaluated, "
                            + outcome.archived().size() + " subject(s) archived", withCalls(fields(
                            "outcome", "SWEPT", "messageId", swept.messageId(), "receiveCount", swept.receiveCount(),
                            "cluster", outcome.clusterArn(), "tasksEvaluated", outcome.tasksEvaluated(),
                            "notReadySubjects", outcome.notReadySubjects(), "unknownChecks", outcome.unknownChecks(),
                            "findingsImported", outcome.findingsImported(), "importCalls", outcome.importCalls(),
                            "notEvaluated", outcome.notEvaluated(), "archived", outcome.archived(),
                            "durationMillis", swept.durationMillis()), swept.calls())));
                    metrics.count(Metrics.TASKS_EVALUATED, outcome.tasksEvaluated())
                            .count(Metrics.NOT_READY_SUBJECTS, outcome.notReadySubjects())
                            .count(Metrics.UNKNOWN_CHECKS, outcome.unknownChecks())
                            .count(Metrics.IMPORT_CALLS, outcome.importCalls())
                            .count(Metrics.SUBJECTS_ARCHIVED, outcome.archived().size());
                    if (!outcome.momentaryReadFailures().isEmpty()) {
                        lines.add(line(Level.WARN, "a subject of the cluster is undetermined because "
                                        + describe(outcome.momentaryReadFailures()) + "; SQS delivers the message again",
                                "outcome", "RETRY", "messageId", swept.messageId(), "receiveCount", swept.receiveCount(),
                                "cluster", outcome.clusterArn(), "readFailures",
                                outcome.momentaryReadFailures().stream().map(ReadFailure::describe).toList()));
                        if (swept.messageId() != null) {
                            failures.add(SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(swept.messageId()).build());
                        }
                    }
                }
                case ClusterMessage.Failed failed -> {
                    lines.add(line(Level.ERROR, "sweep of the cluster failed; SQS delivers the message again: " + failed.error().getMessage(),
                            "outcome", "FAILED", "messageId", failed.messageId(), "receiveCount", failed.receiveCount(),
                            "cluster", failed.clusterArn(), "errorType", failed.error().getClass().getName()));
                    if (failed.messageId() != null) {
                        failures.add(SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(failed.messageId()).build());
                    }
                }
            }
        }
        return new Rendered(batchResponse(failures), lines, metrics);
    }

    private static String describe(List<ReadFailure> failures) {
        return String.join("; ", failures.stream().map(ReadFailure::describe).toList());
    }

    private static SQSBatchResponse batchResponse(List<SQSBatchResponse.BatchItemFailure> failures) {
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }

    private static String transition(PublishResult published) {
        return published.transitionMade().map(AlertTransition.Kind::name).orElse(null);
    }

    private static List<String> checkIds(List<CheckResult> results) {
        return results.stream().map(CheckResult::checkId).toList();
    }

    /** No counts: nothing is written. */
    private static Metrics noMetrics() {
        return Metrics.forFunction("none");
    }

    private static LogLine line(Level level, String message, Object... keysAndValues) {
        return new LogLine(level, message, fields(keysAndValues));
    }

    private static LogLine line(Level level, String message, Map<String, Object> fields) {
        return new LogLine(level, message, fields);
    }

    /** Adds what the unit of work cost in AWS calls: the total and by operation. */
    private static Map<String, Object> withCalls(Map<String, Object> fields, AwsCallCount calls) {
        fields.put("awsCallCount", calls.total());
        fields.put("awsCalls", calls.byOperation());
        return fields;
    }

    /** An ordered map from alternating keys and values; absent (null) values are left out of the line. */
    private static Map<String, Object> fields(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                map.put((String) keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return map;
    }
}
