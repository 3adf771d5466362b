package io.execready.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.execready.engine.ReadFailedException;
import io.execready.evaluation.ServiceOutcome;
import io.execready.functions.events.ServiceChangeParser;
import io.execready.functions.events.ServiceChangeParser.Accepted;
import io.execready.functions.events.ServiceChangeParser.Rejected;
import io.execready.functions.events.ServiceChangeParser.Skipped;
import io.execready.functions.events.TaskStateChangeParser;
import io.execready.logging.JsonLog;
import io.execready.snapshot.Arn;
import io.execready.snapshot.EcsCluster;
import io.execready.snapshot.Fetched;
import io.execready.snapshot.Subject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Optional;

/**
 * Invoked by the EventBridge rules on service changes: a deployment that completed or failed, a
 * service action (debounced: they repeat and carry no configuration), and CloudTrail's
 * CreateService, UpdateService and DeleteService. It runs the service checks and the preflight on
 * the service and publishes their findings; a deleted service has its findings archived.
 *
 * <p>Input it cannot use ends the invocation normally with one WARN line; failures to read the
 * service or to publish propagate, and an evaluation that reads of the moment left undetermined
 * fails after publishing what is safe, so Lambda retries the event.
 */
public final class ServiceChangeFunction implements RequestStreamHandler {

    /** Service actions within this window of the last evaluation of the same service are skipped. */
    static final Duration SERVICE_ACTION_DEBOUNCE = Duration.ofMinutes(5);

    private final FunctionComponents components;
    private final ServiceChangeParser parser = new ServiceChangeParser();

    /** Used by the Lambda runtime: builds the components once per execution environment. */
    public ServiceChangeFunction() {
        this(FunctionComponents.fromEnvironment(FunctionComponents.StateTableNeed.AT_START));
    }

    ServiceChangeFunction(FunctionComponents components) {
        this.components = components;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonLog log = components.log().with("requestId", context.getAwsRequestId()).with("handler", "ServiceChange");
        components.beginInvocation(context.getAwsRequestId());
        FunctionOutcome outcome = switch (parser.parse(input.readNBytes(TaskStateChangeParser.MAX_EVENT_BYTES + 1))) {
            case Rejected rejected -> new FunctionOutcome.Ignored(rejected.reason(), rejected.eventId(), rejected.detailType());
            case Skipped skipped -> new FunctionOutcome.NothingAsked(skipped.reason(), skipped.eventId());
            case Accepted accepted -> handle(accepted);
        };
        OutcomeRenderer.render(outcome).writeTo(log, output);
    }

    private FunctionOutcome handle(Accepted accepted) {
        components.claimOwner().begin(accepted.eventId(), components.clock().instant());
        Optional<String> foreign = Arn.parse(accepted.cluster())
                .filter(arn -> !arn.region().equals(components.config().region().id()))
                .map(arn -> "cluster " + arn + " is in region " + arn.region() + "; this function checks " + components.config().region().id());
        if (foreign.isPresent()) {
            return new FunctionOutcome.Ignored(foreign.get(), accepted.eventId(), null);
        }
        Fetched<String> resolved = clusterArn(accepted.cluster());
        if (resolved instanceof Fetched.Absent<String> absent) {
            return new FunctionOutcome.Ignored("cluster " + accepted.cluster() + " does not exist in this account and region: "
                    + absent.description(), accepted.eventId(), null);
        }
        String clusterArn = resolved.asOptional().orElseThrow();
        Subject subject = Subject.service(clusterArn, accepted.service());
        ServiceOutcome outcome = switch (accepted.action()) {
            case ARCHIVE -> components.serviceEvaluation().archive(subject, accepted.why() + " of " + subject.describe());
            case EVALUATE_DEBOUNCED -> components.serviceClaims().evaluatedWithin(subject, SERVICE_ACTION_DEBOUNCE)
                    ? new ServiceOutcome.Debounced(subject,
                            subject.describe() + " was evaluated less than " + SERVICE_ACTION_DEBOUNCE.toMinutes() + " minutes ago")
                    : evaluated(clusterArn, accepted.service(), subject);
            case EVALUATE -> evaluated(clusterArn, accepted.service(), subject);
        };
        FunctionOutcome.ServiceEventHandled handled = new FunctionOutcome.ServiceEventHandled(accepted.eventId(), accepted.why(), subject,
                outcome, AwsCallCount.drain(components.awsCalls()));
        // Throttled or unreachable reads left the service undetermined: Lambda's retry of the event may decide it.
        if (outcome instanceof ServiceOutcome.Evaluated evaluated && !evaluated.report().momentaryReadFailures().isEmpty()) {
            return new FunctionOutcome.UndeterminedForNow(handled, evaluated.report().momentaryReadFailures());
        }
        return handled;
    }

    /**
     * Evaluates and publishes, then records the evaluation, so that the service actions following
     * it are debounced. A failed evaluation records nothing, nor does one left undetermined by reads
     * of the moment: Lambda's retry evaluates again.
     */
    private ServiceOutcome evaluated(String clusterArn, String service, Subject subject) {
        ServiceOutcome outcome = components.serviceEvaluation().evaluateAndPublish(clusterArn, service);
        if (outcome instanceof ServiceOutcome.Evaluated evaluated && evaluated.report().momentaryReadFailures().isEmpty()) {
            components.serviceClaims().evaluated(subject);
        }
        return outcome;
    }

    /**
     * The cluster's ARN, from an ARN or a name in the function's own account and region; absent when
     * ECS has no such cluster. A read that may pass fails the invocation, so Lambda retries it.
     */
    private Fetched<String> clusterArn(String cluster) {
        if (Arn.parse(cluster).isPresent()) {
            return Fetched.present(cluster);
        }
        return switch (components.ecs().describeCluster(cluster)) {
            case Fetched.Present<EcsCluster> present -> Fetched.present(present.value().clusterArn());
            case Fetched.Absent<EcsCluster> absent -> Fetched.absent(absent.description());
            case Fetched.Failed<EcsCluster> failed when !failed.failure().kind().passing() -> Fetched.absent(failed.failure().describe());
            case Fetched.Failed<EcsCluster> failed -> throw new ReadFailedException("Cannot resolve cluster " + cluster + " to its ARN", failed.failure());
        };
    }
}
