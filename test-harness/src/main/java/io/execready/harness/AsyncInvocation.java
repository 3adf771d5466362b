package io.execready.harness;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Lambda's asynchronous invocation (EventBridge's way of calling a function), which the emulator does
 * not run: the first attempt, then up to {@code maximumRetryAttempts} more when the function returns
 * an error, then an invocation record with condition {@code RetriesExhausted} and the whole event as
 * {@code requestPayload} to the on-failure destination, shaped as Lambda documents it.
 */
public final class AsyncInvocation {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param attempts          every attempt made, in order
     * @param deliveredRecord   the record sent to the on-failure destination, or null when an attempt succeeded
     */
    public record Outcome(List<Invocation> attempts, String deliveredRecord) {
        public Outcome {
            attempts = List.copyOf(attempts);
        }

        public boolean succeeded() {
            return deliveredRecord == null;
        }
    }

    private AsyncInvocation() {
    }

    public static Outcome invoke(LambdaFunction function, String eventJson, int maximumRetryAttempts, Duration timeout,
                                 Consumer<String> onFailureDestination) {
        List<Invocation> attempts = new ArrayList<>();
        for (int attempt = 0; attempt <= maximumRetryAttempts; attempt++) {
            Invocation invocation = function.invoke(eventJson, timeout);
            attempts.add(invocation);
            if (invocation.succeeded()) {
                return new Outcome(attempts, null);
            }
        }
        Invocation last = attempts.getLast();
        String record = invocationRecord(function, eventJson, last, attempts.size());
        onFailureDestination.accept(record);
        return new Outcome(attempts, record);
    }

    private static String invocationRecord(LambdaFunction function, String eventJson, Invocation last, int invokeCount) {
        try {
            ObjectNode record = JSON.createObjectNode();
            record.put("version", "1.0");
            record.put("timestamp", Instant.now().toString());
            ObjectNode context = record.putObject("requestContext");
            context.put("requestId", last.requestId());
            context.put("functionArn", function.arn() + ":$LATEST");
            context.put("condition", "RetriesExhausted");
            context.put("approximateInvokeCount", invokeCount);
            record.set("requestPayload", JSON.readTree(eventJson));
            ObjectNode response = record.putObject("responseContext");
            response.put("statusCode", 200);
            response.put("executedVersion", "$LATEST");
            response.put("functionError", "Unhandled");
            ObjectNode payload = record.putObject("responsePayload");
            payload.put("errorMessage", last.errorMessage());
            payload.put("errorType", last.errorType());
            return JSON.writeValueAsString(record);
        } catch (IOException e) {
            throw new UncheckedIOException("the event is not JSON", e);
        }
    }
}
