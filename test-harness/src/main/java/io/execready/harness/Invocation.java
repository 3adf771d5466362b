package io.execready.harness;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of one {@link LambdaFunction#invoke}: what Lambda would return to the caller, plus the
 * function's log output and timings.
 *
 * @param requestId    the request id the runtime saw ({@code context.getAwsRequestId()})
 * @param payload      the response payload, or null when the function failed
 * @param errorType    the error's type (e.g. {@code java.lang.IllegalStateException}), or null on success
 * @param errorMessage the error's message, or null on success
 * @param logLines     what the process printed since the previous invocation ended (for the first
 *                     invocation: since the process started, so initialisation output included)
 * @param duration     from handing the event to the runtime until its answer
 * @param initDuration for the first invocation, from process start until the runtime first polled
 *                     for work; null for later ones
 */
public record Invocation(String requestId, String payload, String errorType, String errorMessage,
                         List<String> logLines, Duration duration, Duration initDuration) {

    public Invocation {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(duration, "duration");
        logLines = logLines == null ? List.of() : List.copyOf(logLines);
    }

    public boolean succeeded() {
        return payload != null;
    }

    public boolean isColdStart() {
        return initDuration != null;
    }
}
