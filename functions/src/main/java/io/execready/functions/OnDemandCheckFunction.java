package io.execready.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.execready.aws.TaskListQuery;
import io.execready.evaluation.EvaluationOutcome;
import io.execready.evaluation.ServiceOutcome;
import io.execready.evaluation.TaskBatchEvaluation.BatchOutcome;
import io.execready.functions.events.EventBridgeEnvelopes;
import io.execready.logging.JsonLog;
import io.execready.snapshot.EcsService;
import io.execready.snapshot.Fetched;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks on demand, invoked directly ({@code aws lambda invoke}, {@code sam local invoke}): one task,
 * the running tasks of a service, or of a whole cluster. Returns every check's verdict as JSON.
 * Nothing is published unless the request says {@code "publish": true}.
 */
public final class OnDemandCheckFunction implements RequestStreamHandler {

    /** A synchronous response is at most 6 MB; a full report is a few KB, so a request stops here. */
    static final int MAX_TASKS_PER_REQUEST = 500;
    private static final int MAX_REQUEST_BYTES = 64 * 1024;
    private static final ObjectMapper JSON = EventBridgeEnvelopes.MAPPER;

    private final FunctionComponents components;

    public OnDemandCheckFunction() {
        this(FunctionComponents.fromEnvironment());
    }

    OnDemandCheckFunction(FunctionComponents components) {
        this.components = components;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonLog log = components.log().with("requestId", context.getAwsRequestId()).with("handler", "OnDemandCheck");
        components.readCache().clear();
        components.awsCalls().drain();
        byte[] payload = input.readNBytes(MAX_REQUEST_BYTES + 1);
        Map<String, Object> response = respond(payload, log);
        JSON.writeValue(output, response);
    }

    private Map<String, Object> respond(byte[] payload, JsonLog log) {
        if (payload.length > MAX_REQUEST_BYTES) {
            return rejected(log, List.of("the request is larger than " + MAX_REQUEST_BYTES + " bytes"));
        }
        JsonNode json;
        try {
            json = JSON.readTree(payload);
        } catch (JsonProcessingException e) {
            return rejected(log, List.of("the request is not JSON: " + e.getOriginalMessage()));
        } catch (IOException e) {
            return rejected(log, List.of("the request could not be read: " + e.getMessage()));
        }
        return switch (OnDemandRequest.parse(json)) {
            case OnDemandRequest.Invalid invalid -> rejected(log, invalid.problems());
            case OnDemandRequest.Valid valid -> evaluate(valid.request(), log);
        };
    }

    private Map<String, Object> evaluate(OnDemandRequest request, JsonLog log) {
        Fetched<List<String>> tasks = request.task() != null
                ? Fetched.present(List.of(request.task()))
                : request.service() != null
                        ? components.ecs().listTasks(request.cluster(), TaskListQuery.service(request.service()))
                        : components.ecs().listTasks(request.cluster(), TaskListQuery.all());
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("cluster", request.cluster());
        if (request.service() != null) {
            response.put("service", request.service());
            response.put("serviceReport", serviceReport(request));
        }
        if (!(tasks instanceof Fetched.Present<List<String>> present)) {
            String reason = tasks instanceof Fetched.Failed<List<String>> failed ? failed.failure().describe() : "no tasks";
            log.warn("could not list the tasks to check: " + reason, Map.of("outcome", "FAILED", "cluster", request.cluster()));
            response.put("outcome", "FAILED");
            response.put("error", "could not list the tasks to check: " + reason);
            return response;
        }
        List<String> ids = present.value();
        boolean truncated = ids.size() > MAX_TASKS_PER_REQUEST;
        BatchOutcome outcome = components.batchEvaluation().evaluate(request.cluster(),
                truncated ? ids.subList(0, MAX_TASKS_PER_REQUEST) : ids, request.publish());

        List<EvaluationOutcome> evaluated = outcome.evaluated();
        long ready = evaluated.stream().filter(o -> o.report().execReady()).count();
        Map<String, Long> calls = components.awsCalls().drain();
        log.info("on-demand check evaluated " + evaluated.size() + " task(s)", TaskStateChangeFunction.fields(
                "outcome", "EVALUATED", "cluster", request.cluster(), "task", request.task(), "service", request.service(),
                "publish", request.publish(), "tasksEvaluated", evaluated.size(), "execReady", ready,
                "notReady", evaluated.size() - ready, "notEvaluated", outcome.notEvaluated().size(),
                "awsCallCount", calls.values().stream().mapToLong(Long::longValue).sum(), "awsCalls", calls));

        response.put("outcome", "EVALUATED");
        response.put("published", request.publish());
        response.put("tasksEvaluated", evaluated.size());
        response.put("execReady", ready);
        response.put("notReady", evaluated.size() - ready);
        if (truncated) {
            response.put("truncated", "only the first " + MAX_TASKS_PER_REQUEST + " of " + ids.size()
                    + " running tasks were checked; ask per service for the rest");
        }
        response.put("notEvaluated", outcome.notEvaluated());
        response.put("reports", evaluated.stream().map(o -> ReportView.of(o.report())).toList());
        return response;
    }

    /**
     * The service's own verdict: its checks and the preflight of the next task it will start, so a
     * service with no running task still gets an answer.
     */
    private Object serviceReport(OnDemandRequest request) {
        if (request.publish()) {
            ServiceOutcome outcome = components.serviceEvaluation().evaluateAndPublish(request.cluster(), request.service());
            return outcome.evaluated().<Object>map(ReportView::of).orElse(Map.of("outcome", "NOT_EVALUATED", "reason", outcome.summary()));
        }
        return switch (components.ecs().describeService(request.cluster(), request.service())) {
            case Fetched.Present<EcsService> present -> ReportView.of(components.serviceEvaluation().evaluate(present.value()));
            case Fetched.Absent<EcsService> absent -> Map.of("outcome", "NOT_EVALUATED", "reason", absent.description());
            case Fetched.Failed<EcsService> failed -> Map.of("outcome", "NOT_EVALUATED", "reason", failed.failure().describe());
        };
    }

    private static Map<String, Object> rejected(JsonLog log, List<String> problems) {
        log.warn("on-demand request rejected: " + String.join("; ", problems), Map.of("outcome", "REJECTED"));
        return Map.of("outcome", "REJECTED", "problems", problems);
    }
}
