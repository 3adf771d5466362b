package io.execready.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import io.execready.evaluation.ClusterSweep;
import io.execready.functions.FunctionOutcome.ClusterMessage;
import io.execready.functions.events.EventBridgeEnvelopes;
import io.execready.functions.events.SweepEvents;
import io.execready.functions.events.SweepEvents.ClusterAccepted;
import io.execready.functions.events.SweepEvents.ClusterRejected;
import io.execready.logging.JsonLog;
import io.execready.logging.Metrics;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Consumes the sweep queue: each message names one cluster, which is swept (every running task
 * evaluated and published, gone subjects archived). A message whose sweep fails is reported as a
 * batch item failure, so SQS delivers it again after the visibility timeout and, after the queue's
 * maximum receive count, moves it to the sweep dead-letter queue; so is a message whose sweep left a
 * published subject undetermined by reads of the moment (throttled, unreachable, timed out), after
 * publishing what is safe. A message that names no cluster
 * is dropped with one WARN line: delivering it again could never succeed.
 *
 * <p>Writes one embedded-metric-format line per invocation (see {@link Metrics}).
 */
public final class SweepClusterFunction implements RequestStreamHandler {

    /** SQS batches are at most 10 messages of 256 KB; ours are a cluster ARN each. */
    private static final int MAX_EVENT_BYTES = 6 * 1024 * 1024;

    private final FunctionComponents components;

    public SweepClusterFunction() {
        this(FunctionComponents.fromEnvironment(FunctionComponents.StateTableNeed.AT_START));
    }

    SweepClusterFunction(FunctionComponents components) {
        this.components = components;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonLog log = components.log().with("requestId", context.getAwsRequestId()).with("handler", "SweepCluster");
        JsonNode event = readEvent(input.readNBytes(MAX_EVENT_BYTES + 1));
        JsonNode records = event == null ? null : event.get("Records");
        FunctionOutcome outcome;
        if (records == null || !records.isArray() || records.isEmpty()) {
            outcome = new FunctionOutcome.NotAnSqsEvent();
        } else {
            List<ClusterMessage> messages = new ArrayList<>();
            records.forEach(record -> messages.add(handle(record)));
            outcome = new FunctionOutcome.ClusterMessagesHandled(messages);
        }
        OutcomeRenderer.render(outcome).writeTo(log, output);
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

    private ClusterMessage handle(JsonNode record) {
        String messageId = record.path("messageId").asText(null);
        return switch (SweepEvents.clusterMessage(record.path("body").asText(null))) {
            case ClusterRejected rejected -> new ClusterMessage.Dropped(messageId, rejected.reason());
            case ClusterAccepted accepted -> sweep(accepted.clusterArn(), messageId,
                    record.path("attributes").path("ApproximateReceiveCount").asText(null));
        };
    }

    private ClusterMessage sweep(String clusterArn, String messageId, String receiveCount) {
        // SQS delivers a message again with the same id: the retry picks up an alert claim its earlier receive left.
        components.beginInvocation(messageId);
        long started = System.nanoTime();
        try {
            ClusterSweep.Outcome outcome = components.clusterSweep().sweep(clusterArn);
            return new ClusterMessage.Swept(messageId, receiveCount, outcome, (System.nanoTime() - started) / 1_000_000,
                    AwsCallCount.drain(components.awsCalls()));
        } catch (RuntimeException e) {
            // This message alone is delivered again; the other messages of the batch are not held back by it.
            return new ClusterMessage.Failed(messageId, receiveCount, clusterArn, e);
        }
    }
}
