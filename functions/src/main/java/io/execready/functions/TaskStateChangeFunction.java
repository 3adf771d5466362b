package io.execready.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.execready.evaluation.TaskEventOutcome;
import io.execready.functions.events.TaskStateChangeParser;
import io.execready.functions.events.TaskStateChangeParser.Accepted;
import io.execready.functions.events.TaskStateChangeParser.Rejected;
import io.execready.logging.JsonLog;
import io.execready.snapshot.Arn;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;

/**
 * Invoked by the EventBridge rule on "ECS Task State Change" (lastStatus RUNNING or STOPPED). A
 * RUNNING task is evaluated; when it speaks for its subject (for a service: a task of the PRIMARY
 * deployment) the findings that changed are imported and a transition is alerted once. A STOPPED
 * task settles its subject: a deleted service, or a group with no task left, has its findings
 * archived. Duplicate and out-of-order events (by {@code detail.version}) are dropped.
 *
 * <p>Input it cannot use (malformed JSON, another event type, missing fields, an oversized payload)
 * ends the invocation normally with one WARN line: retrying it could never succeed. Failures to
 * publish propagate, and an evaluation that reads of the moment (throttled, unreachable, timed out)
 * left undetermined fails after publishing what is safe, so Lambda retries the event and finally
 * sends it to the dead-letter queue. A denied read ends normally: a retry cannot help.
 */
public final class TaskStateChangeFunction implements RequestStreamHandler {

    private final FunctionComponents components;
    private final TaskStateChangeParser parser = new TaskStateChangeParser();

    /** Used by the Lambda runtime: builds the components once per execution environment. */
    public TaskStateChangeFunction() {
        this(FunctionComponents.fromEnvironment(FunctionComponents.StateTableNeed.AT_START));
    }

    TaskStateChangeFunction(FunctionComponents components) {
        this.components = components;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        handle(input.readNBytes(TaskStateChangeParser.MAX_EVENT_BYTES + 1), output, context.getAwsRequestId());
    }

    /** Handles one event as the runtime delivers it, renders the outcome to the log and {@code output}, and returns it (priming reports it). */
    FunctionOutcome handle(byte[] event, OutputStream output, String requestId) throws IOException {
        JsonLog log = components.log().with("requestId", requestId).with("handler", "TaskStateChange");
        components.beginInvocation(requestId);
        FunctionOutcome outcome = switch (parser.parse(event)) {
            case Rejected rejected -> new FunctionOutcome.Ignored(rejected.reason(), rejected.eventId(), rejected.detailType());
            case Accepted accepted -> handle(accepted);
        };
        OutcomeRenderer.render(outcome).writeTo(log, output);
        return outcome;
    }

    private FunctionOutcome handle(Accepted accepted) {
        // Lambda retries an event with the same id: the retry picks up an alert claim its earlier attempt left.
        components.claimOwner().begin(accepted.envelope().getId(), components.clock().instant());
        String region = components.config().region().id();
        Optional<Arn> foreign = Arn.parse(accepted.task().taskArn()).filter(arn -> !arn.region().equals(region));
        if (foreign.isPresent()) {
            return new FunctionOutcome.Ignored("task " + accepted.task().taskArn() + " is in region " + foreign.get().region()
                    + "; this function checks " + region, accepted.envelope().getId(), accepted.envelope().getDetailType());
        }
        TaskEventOutcome outcome = components.evaluation().onTaskStateChange(accepted.task());
        FunctionOutcome.TaskEventHandled handled = new FunctionOutcome.TaskEventHandled(accepted.envelope().getId(), accepted.task(),
                outcome, AwsCallCount.drain(components.awsCalls()));
        // Throttled or unreachable reads left the subject undetermined: Lambda's retry of the event may decide it.
        if (outcome instanceof TaskEventOutcome.Evaluated evaluated && !evaluated.outcome().momentaryReadFailures().isEmpty()) {
            return new FunctionOutcome.UndeterminedForNow(handled, evaluated.outcome().momentaryReadFailures());
        }
        return handled;
    }
}
