package io.execready.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.execready.engine.CheckResult;
import io.execready.engine.CheckStatus;
import io.execready.evaluation.EvaluationOutcome;
import io.execready.evaluation.SettlementOutcome;
import io.execready.evaluation.TaskEventOutcome;
import io.execready.functions.events.EventBridgeEnvelopes;
import io.execready.functions.events.TaskStateChangeParser;
import io.execready.functions.events.TaskStateChangeParser.Accepted;
import io.execready.functions.events.TaskStateChangeParser.Rejected;
import io.execready.logging.JsonLog;
import io.execready.logging.Metrics;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Invoked by the EventBridge rule on "ECS Task State Change" (lastStatus RUNNING or STOPPED). A
 * RUNNING task is evaluated; when it speaks for its subject (for a service: a task of the PRIMARY
 * deployment) the findings that changed are imported and a transition is alerted once. A STOPPED
 * task settles its subject: a deleted service, or a group with no task left, has its findings
 * archived. Duplicate and out-of-order events (by {@code detail.version}) are dropped.
 *
 * <p>Input it cannot use (malformed JSON, another event type, missing fields, an oversized payload)
 * ends the invocation normally with one WARN line: retrying it could never succeed. Failures to
 * publish propagate, so Lambda retries the event and finally sends it to the dead-letter queue.
 */
public final class TaskStateChangeFunction implements RequestStreamHandler {

    private static final ObjectMapper OUTPUT = EventBridgeEnvelopes.MAPPER;

    private final FunctionComponents components;
    private final TaskStateChangeParser parser = new TaskStateChangeParser();

    /** Used by the Lambda runtime: builds the components once per execution environment. */
    public TaskStateChangeFunction() {
        this(FunctionComponents.fromEnvironment());
    }

    TaskStateChangeFunction(FunctionComponents components) {
        this.components = components;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonLog log = components.log().with("requestId", context.getAwsRequestId()).with("handler", "TaskStateChange");
        components.readCache().clear();
        byte[] payload = input.readNBytes(TaskStateChangeParser.MAX_EVENT_BYTES + 1);
        Object response = switch (parser.parse(payload)) {
            case Rejected rejected -> {
                log.warn("event ignored: " + rejected.reason(), fields(
                        "outcome", "IGNORED", "eventId", rejected.eventId(), "detailType", rejected.detailType()));
                yield Map.of("outcome", "IGNORED", "reason", rejected.reason());
            }
            case Accepted accepted -> handle(accepted, log);
        };
        OUTPUT.writeValue(output, response);
    }

    private Object handle(Accepted accepted, JsonLog log) {
        String eventId = accepted.envelope().getId();
        components.awsCalls().drain();
        return switch (components.evaluation().onTaskStateChange(accepted.task())) {
            case TaskEventOutcome.Skipped skipped -> {
                log.info(skipped.reason() + ": nothing to do", fields("outcome", "SKIPPED", "eventId", eventId, "taskArn", skipped.taskArn()));
                yield Map.of("outcome", "SKIPPED", "reason", skipped.reason());
            }
            case TaskEventOutcome.Stale stale -> {
                String reason = "version " + stale.version() + " is not newer than version " + stale.lastProcessedVersion() + " already handled";
                log.info("event dropped: " + reason, fields("outcome", "STALE", "eventId", eventId, "taskArn", stale.taskArn()));
                yield Map.of("outcome", "STALE", "reason", reason);
            }
            case TaskEventOutcome.Evaluated evaluated -> {
                EvaluationOutcome outcome = evaluated.outcome();
                Map<String, Object> fields = withAwsCalls(evaluatedFields(accepted, outcome));
                log.info(outcome.report().execReady() ? "ECS Exec ready" : "ECS Exec NOT ready", fields);
                log.metrics(Metrics.forFunction("TaskStateChange")
                        .count(Metrics.TASKS_EVALUATED, 1)
                        .count(Metrics.NOT_READY_SUBJECTS, outcome.report().execReady() ? 0 : 1)
                        .count(Metrics.UNKNOWN_CHECKS, outcome.report().withStatus(CheckStatus.UNKNOWN).size())
                        .count(Metrics.IMPORT_CALLS, importCalls(fields)));
                yield evaluatedResponse(outcome);
            }
            case TaskEventOutcome.Settled settled -> {
                SettlementOutcome outcome = settled.outcome();
                String result = outcome.archived() ? "ARCHIVED" : "KEPT";
                log.info(outcome.reason(), withAwsCalls(fields("outcome", result, "eventId", eventId, "taskArn", accepted.task().taskArn(),
                        "subject", outcome.subject().describe(), "findingsArchived", outcome.published().findingsImported())));
                yield fields("outcome", result, "subject", outcome.subject().describe(), "reason", outcome.reason(),
                        "findingsArchived", outcome.published().findingsImported());
            }
        };
    }

    @SuppressWarnings("unchecked")
    private static long importCalls(Map<String, Object> fields) {
        return ((Map<String, Long>) fields.get("awsCalls")).getOrDefault("SecurityHub:BatchImportFindings", 0L);
    }

    /** Adds what this invocation cost in AWS calls, by operation. */
    private Map<String, Object> withAwsCalls(Map<String, Object> fields) {
        Map<String, Long> calls = components.awsCalls().drain();
        fields.put("awsCallCount", calls.values().stream().mapToLong(Long::longValue).sum());
        fields.put("awsCalls", calls);
        return fields;
    }

    /**
     * EVALUATED, or EVIDENCE_ONLY for a task that does not speak for its subject (an older
     * deployment's): its verdict in full, nothing published, and why.
     */
    private static Map<String, Object> evaluatedResponse(EvaluationOutcome outcome) {
        return fields(
                "outcome", outcome.authority().authoritative() ? "EVALUATED" : "EVIDENCE_ONLY",
                "publishReason", outcome.authority().reason(),
                "report", ReportView.of(outcome.report()),
                "findingsImported", outcome.findingsImported(),
                "findingsUnchanged", outcome.published().findingsUnchanged(),
                "transition", outcome.published().transitionMade().map(Enum::name).orElse(null),
                "alertMessageId", outcome.alertMessageId());
    }

    private static Map<String, Object> evaluatedFields(Accepted accepted, EvaluationOutcome outcome) {
        Map<String, Object> fields = fields(
                "outcome", outcome.authority().authoritative() ? "EVALUATED" : "EVIDENCE_ONLY",
                "eventId", accepted.envelope().getId(),
                "taskArn", accepted.task().taskArn(),
                "subject", outcome.report().subject().describe(),
                "execReady", outcome.report().execReady(),
                "authoritative", outcome.authority().authoritative(),
                "findingsImported", outcome.findingsImported(),
                "findingsUnchanged", outcome.published().findingsUnchanged(),
                "findingsInFlight", outcome.published().findingsInFlight(),
                "alertTransition", outcome.published().transitionMade().map(Enum::name).orElse(null),
                "alertSent", outcome.alertSent().isPresent());
        if (!outcome.authority().authoritative()) {
            fields.put("evidenceOnly", outcome.authority().reason());
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (CheckStatus status : CheckStatus.values()) {
            counts.put(status.name(), outcome.report().withStatus(status).size());
        }
        fields.put("statusCounts", counts);
        fields.put("failingChecks", outcome.report().failures().stream().map(CheckResult::checkId).toList());
        fields.put("unknownChecks", outcome.report().withStatus(CheckStatus.UNKNOWN).stream().map(CheckResult::checkId).toList());
        return fields;
    }

    /** An ordered map from alternating keys and values; null values are left out. */
    static Map<String, Object> fields(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                map.put((String) keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return map;
    }
}
