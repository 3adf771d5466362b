package io.execready.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.execready.engine.CheckResult;
import io.execready.engine.CheckStatus;
import io.execready.evaluation.EvaluationOutcome;
import io.execready.functions.events.EventBridgeEnvelopes;
import io.execready.functions.events.TaskStateChangeParser;
import io.execready.functions.events.TaskStateChangeParser.Accepted;
import io.execready.functions.events.TaskStateChangeParser.Rejected;
import io.execready.logging.JsonLog;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Invoked by the EventBridge rule on "ECS Task State Change" (lastStatus RUNNING): evaluates the
 * task that started and publishes its findings and, when ECS Exec will not work, an alert.
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
            case Accepted accepted when !"RUNNING".equals(accepted.task().lastStatus()) -> {
                log.info("task is " + accepted.task().lastStatus() + ", not RUNNING: nothing to evaluate", fields(
                        "outcome", "SKIPPED", "eventId", accepted.envelope().getId(), "taskArn", accepted.task().taskArn()));
                yield Map.of("outcome", "SKIPPED", "reason", "task lastStatus is " + accepted.task().lastStatus());
            }
            case Accepted accepted -> {
                components.awsCalls().drain();
                EvaluationOutcome outcome = components.evaluation().evaluateAndPublish(accepted.task());
                Map<String, Object> fields = evaluatedFields(accepted, outcome);
                Map<String, Long> calls = components.awsCalls().drain();
                fields.put("awsCallCount", calls.values().stream().mapToLong(Long::longValue).sum());
                fields.put("awsCalls", calls);
                log.info(outcome.report().execReady() ? "ECS Exec ready" : "ECS Exec NOT ready", fields);
                yield evaluatedResponse(outcome);
            }
        };
        OUTPUT.writeValue(output, response);
    }

    private static Map<String, Object> evaluatedResponse(EvaluationOutcome outcome) {
        return fields("outcome", "EVALUATED", "report", ReportView.of(outcome.report()),
                "findingsImported", outcome.findingsImported(), "alertMessageId", outcome.alertMessageId());
    }

    private static Map<String, Object> evaluatedFields(Accepted accepted, EvaluationOutcome outcome) {
        Map<String, Object> fields = fields(
                "outcome", "EVALUATED",
                "eventId", accepted.envelope().getId(),
                "taskArn", accepted.task().taskArn(),
                "subject", outcome.report().subject().describe(),
                "execReady", outcome.report().execReady(),
                "findingsImported", outcome.findingsImported(),
                "alertSent", outcome.alertSent().isPresent());
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
