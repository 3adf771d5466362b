package io.execready.functions;

import static io.execready.functions.TaskStateChangeFunction.fields;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.execready.engine.CheckResult;
import io.execready.engine.ExecReadyException;
import io.execready.evaluation.ServiceOutcome;
import io.execready.functions.events.EventBridgeEnvelopes;
import io.execready.functions.events.ServiceChangeParser;
import io.execready.functions.events.ServiceChangeParser.Accepted;
import io.execready.functions.events.ServiceChangeParser.Rejected;
import io.execready.functions.events.ServiceChangeParser.Skipped;
import io.execready.functions.events.TaskStateChangeParser;
import io.execready.logging.JsonLog;
import io.execready.snapshot.Arn;
import io.execready.snapshot.EcsCluster;
import io.execready.snapshot.Subject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Map;

/**
 * Invoked by the EventBridge rules on service changes: a deployment that completed or failed, a
 * service action (debounced: they repeat and carry no configuration), and CloudTrail's
 * CreateService, UpdateService and DeleteService. It runs the service checks and the preflight on
 * the service and publishes their findings; a deleted service has its findings archived.
 *
 * <p>Input it cannot use ends the invocation normally with one WARN line; failures to read the
 * service or to publish propagate, so Lambda retries the event.
 */
public final class ServiceChangeFunction implements RequestStreamHandler {

    /** Service actions within this window of the last evaluation of the same service are skipped. */
    static final Duration SERVICE_ACTION_DEBOUNCE = Duration.ofMinutes(5);

    private final FunctionComponents components;
    private final ServiceChangeParser parser = new ServiceChangeParser();

    /** Used by the Lambda runtime: builds the components once per execution environment. */
    public ServiceChangeFunction() {
        this(FunctionComponents.fromEnvironment());
    }

    ServiceChangeFunction(FunctionComponents components) {
        this.components = components;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonLog log = components.log().with("requestId", context.getAwsRequestId()).with("handler", "ServiceChange");
        components.readCache().clear();
        components.awsCalls().drain();
        Object response = switch (parser.parse(input.readNBytes(TaskStateChangeParser.MAX_EVENT_BYTES + 1))) {
            case Rejected rejected -> {
                log.warn("event ignored: " + rejected.reason(), fields(
                        "outcome", "IGNORED", "eventId", rejected.eventId(), "detailType", rejected.detailType()));
                yield Map.of("outcome", "IGNORED", "reason", rejected.reason());
            }
            case Skipped skipped -> {
                log.info(skipped.reason() + ": nothing to do", fields("outcome", "SKIPPED", "eventId", skipped.eventId()));
                yield Map.of("outcome", "SKIPPED", "reason", skipped.reason());
            }
            case Accepted accepted -> handle(accepted, log);
        };
        EventBridgeEnvelopes.MAPPER.writeValue(output, response);
    }

    private Object handle(Accepted accepted, JsonLog log) {
        String clusterArn = clusterArn(accepted.cluster());
        Subject subject = Subject.service(clusterArn, accepted.service());
        ServiceOutcome outcome = switch (accepted.action()) {
            case ARCHIVE -> components.serviceEvaluation().archive(subject, accepted.why() + " of " + subject.describe());
            case EVALUATE_DEBOUNCED -> components.serviceClaims().claim(subject, SERVICE_ACTION_DEBOUNCE)
                    ? components.serviceEvaluation().evaluateAndPublish(clusterArn, accepted.service())
                    : null;
            case EVALUATE -> {
                // Recorded so that the service actions following a deployment do not evaluate it again at once.
                components.serviceClaims().claim(subject, Duration.ZERO);
                yield components.serviceEvaluation().evaluateAndPublish(clusterArn, accepted.service());
            }
        };
        if (outcome == null) {
            String reason = subject.describe() + " was evaluated less than " + SERVICE_ACTION_DEBOUNCE.toMinutes() + " minutes ago";
            log.info(accepted.why() + " skipped: " + reason, fields("outcome", "DEBOUNCED", "eventId", accepted.eventId(),
                    "subject", subject.describe()));
            return Map.of("outcome", "DEBOUNCED", "reason", reason);
        }
        Map<String, Object> response = fields(
                "outcome", outcome.evaluated().isPresent() ? "EVALUATED" : outcome.summary().startsWith("archived") ? "ARCHIVED" : "NOT_EVALUATED",
                "trigger", accepted.why(),
                "subject", subject.describe(),
                "summary", outcome.summary(),
                "findingsImported", outcome.published().findingsImported(),
                "findingsUnchanged", outcome.published().findingsUnchanged(),
                "transition", outcome.published().transitionMade().map(Enum::name).orElse(null));
        outcome.evaluated().ifPresent(report -> {
            response.put("execReadyBeforeStart", report.execReady());
            response.put("failingChecks", report.failures().stream().map(CheckResult::checkId).toList());
            response.put("report", ReportView.of(report));
        });
        Map<String, Object> logFields = fields("eventId", accepted.eventId(), "subject", subject.describe(), "outcome", response.get("outcome"),
                "findingsImported", outcome.published().findingsImported(), "failingChecks", response.get("failingChecks"));
        Map<String, Long> calls = components.awsCalls().drain();
        logFields.put("awsCallCount", calls.values().stream().mapToLong(Long::longValue).sum());
        logFields.put("awsCalls", calls);
        log.info(accepted.why() + ": " + outcome.summary(), logFields);
        return response;
    }

    /** The cluster's ARN, from an ARN or a name in the function's own account and region. */
    private String clusterArn(String cluster) {
        if (Arn.parse(cluster).isPresent()) {
            return cluster;
        }
        return components.ecs().describeCluster(cluster).asOptional()
                .map(EcsCluster::clusterArn)
                .orElseThrow(() -> new ExecReadyException("Cannot resolve cluster " + cluster + " to its ARN"));
    }
}
