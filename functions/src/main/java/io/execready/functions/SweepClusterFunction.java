package io.execready.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.execready.evaluation.ClusterSweep;
import io.execready.functions.events.EventBridgeEnvelopes;
import io.execready.functions.events.SweepEvents;
import io.execready.functions.events.SweepEvents.ClusterAccepted;
import io.execready.functions.events.SweepEvents.ClusterRejected;
import io.execready.logging.JsonLog;
import io.execready.logging.Metrics;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Consumes the sweep queue: each message names one cluster, which is swept (every running task
 * evaluated and published, gone subjects archived). A message whose sweep fails is reported as a
 * batch item failure, so SQS delivers it again after the visibility timeout and, after the queue's
 * maximum receive count, moves it to the sweep dead-letter queue. A message that names no cluster
 * is dropped with one WARN line: delivering it again could never succeed.
 *
 * <p>Writes one embedded-metric-format line per invocation (see {@link Metrics}).
 */
public final class SweepClusterFunction implements RequestStreamHandler {

    /** SQS batches are at most 10 messages of 256 KB; ours are a cluster ARN each. */
    private static final int MAX_EVENT_BYTES = 6 * 1024 * 1024;

    private final FunctionComponents components;
    private final PrintStream out;

    public SweepClusterFunction() {
        this(FunctionComponents.fromEnvironment(), System.out);
    }

    SweepClusterFunction(FunctionComponents components, PrintStream out) {
        this.components = components;
        this.out = out;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonLog log = components.log().with("requestId", context.getAwsRequestId()).with("handler", "SweepCluster");
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        Metrics metrics = Metrics.forFunction("SweepCluster");
        JsonNode event = readEvent(input.readNBytes(MAX_EVENT_BYTES + 1));
        JsonNode records = event == null ? null : event.get("Records");
        if (records == null || !records.isArray()) {
            log.warn("event ignored: not an SQS event with Records", Map.of("outcome", "IGNORED"));
        } else {
            for (JsonNode record : records) {
                String messageId = record.path("messageId").asText(null);
                if (!sweep(record, messageId, log, metrics) && messageId != null) {
                    failures.add(SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(messageId).build());
                }
            }
        }
        metrics.emit(out, components.clock());
        EventBridgeEnvelopes.MAPPER.writeValue(output, SQSBatchResponse.builder().withBatchItemFailures(failures).build());
    }

    private static JsonNode readEvent(byte[] payload) {
        if (payload.length > MAX_EVENT_BYTES) {
            return null;
        }
        try {
            return EventBridgeEnvelopes.MAPPER.readTree(payload);
        } catch (IOException e) {
            return null;
        }
    }

    /** Sweeps the cluster a message names; false when it should be delivered again. */
    private boolean sweep(JsonNode record, String messageId, JsonLog log, Metrics metrics) {
        return switch (SweepEvents.clusterMessage(record.path("body").asText(null))) {
            case ClusterRejected rejected -> {
                log.warn("message dropped: " + rejected.reason(), TaskStateChangeFunction.fields(
                        "outcome", "IGNORED", "messageId", messageId));
                yield true;
            }
            case ClusterAccepted accepted -> sweep(accepted.clusterArn(), messageId, record, log, metrics);
        };
    }

    private boolean sweep(String clusterArn, String messageId, JsonNode record, JsonLog log, Metrics metrics) {
        components.readCache().clear();
        components.awsCalls().drain();
        long started = System.nanoTime();
        String receiveCount = record.path("attributes").path("ApproximateReceiveCount").asText(null);
        try {
            ClusterSweep.Outcome outcome = components.clusterSweep().sweep(clusterArn);
            Map<String, Long> calls = components.awsCalls().drain();
            log.info("swept cluster: " + outcome.tasksEvaluated() + " task(s) evaluated, " + outcome.archived().size()
                    + " subject(s) archived", TaskStateChangeFunction.fields(
                    "outcome", "SWEPT", "messageId", messageId, "receiveCount", receiveCount, "cluster", clusterArn,
                    "tasksEvaluated", outcome.tasksEvaluated(), "notReadySubjects", outcome.notReadySubjects(),
                    "unknownChecks", outcome.unknownChecks(), "findingsImported", outcome.findingsImported(),
                    "importCalls", outcome.importCalls(), "notEvaluated", outcome.notEvaluated(), "archived", outcome.archived(),
                    "durationMillis", (System.nanoTime() - started) / 1_000_000,
                    "awsCallCount", calls.values().stream().mapToLong(Long::longValue).sum(), "awsCalls", calls));
            metrics.count(Metrics.TASKS_EVALUATED, outcome.tasksEvaluated())
                    .count(Metrics.NOT_READY_SUBJECTS, outcome.notReadySubjects())
                    .count(Metrics.UNKNOWN_CHECKS, outcome.unknownChecks())
                    .count(Metrics.IMPORT_CALLS, outcome.importCalls())
                    .count(Metrics.SUBJECTS_ARCHIVED, outcome.archived().size());
            return true;
        } catch (RuntimeException e) {
            log.error("sweep of the cluster failed; SQS delivers the message again: " + e.getMessage(), TaskStateChangeFunction.fields(
                    "outcome", "FAILED", "messageId", messageId, "receiveCount", receiveCount, "cluster", clusterArn,
                    "errorType", e.getClass().getName()));
            return false;
        }
    }
}
