package io.execready.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.execready.aws.TaskListQuery;
import io.execready.config.CheckerConfig;
import io.execready.evaluation.ServiceOutcome;
import io.execready.evaluation.TaskBatchEvaluation.BatchOutcome;
import io.execready.functions.FunctionOutcome.ServiceVerdict;
import io.execready.functions.FunctionOutcome.TaskVerdicts;
import io.execready.functions.events.CustomActionEvents;
import io.execready.functions.events.EventBridgeEnvelopes;
import io.execready.logging.JsonLog;
import io.execready.snapshot.Fetched;
import io.execready.snapshot.Subject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks on demand, invoked directly ({@code aws lambda invoke}, {@code sam local invoke}): one task,
 * the running tasks of a service, or of a whole cluster. Returns every check's verdict as JSON.
 * Nothing is published unless the request says {@code "publish": true} and the function's
 * {@code ON_DEMAND_PUBLISHING} allows it (off by default); a report-only request needs no state table.
 * Also the target of Security Hub's custom action "Re-check ECS Exec": the subjects of the selected
 * findings are evaluated again from what AWS reports now and published, whatever
 * {@code ON_DEMAND_PUBLISHING} says, as a sweep of those subjects would.
 */
public final class OnDemandCheckFunction implements RequestStreamHandler {

    /** A synchronous response is at most 6 MB; a full report is a few KB, so a request stops here. */
    static final int MAX_TASKS_PER_REQUEST = 500;
    /** A direct request is a few hundred bytes; a Security Hub custom action event, whole findings, is at most EventBridge's 256 KB. */
    private static final int MAX_REQUEST_BYTES = 256 * 1024;
    private static final String FAMILY_GROUP = "family:";

    private final FunctionComponents components;
    private final boolean publishingAllowed;

    public OnDemandCheckFunction() {
        this(FunctionComponents.fromEnvironment(FunctionComponents.StateTableNeed.ON_FIRST_USE),
                CheckerConfig.onDemandPublishing(System.getenv()));
    }

    /** With publishing allowed, as the tests of publishing on demand need. */
    OnDemandCheckFunction(FunctionComponents components) {
        this(components, true);
    }

    OnDemandCheckFunction(FunctionComponents components, boolean publishingAllowed) {
        this.components = components;
        this.publishingAllowed = publishingAllowed;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonLog log = components.log().with("requestId", context.getAwsRequestId()).with("handler", "OnDemandCheck");
        components.beginInvocation(context.getAwsRequestId());
        OutcomeRenderer.render(respond(input.readNBytes(MAX_REQUEST_BYTES + 1))).writeTo(log, output);
    }

    private FunctionOutcome respond(byte[] payload) {
        if (payload.length > MAX_REQUEST_BYTES) {
            return new FunctionOutcome.RequestRejected(List.of("the request is larger than " + MAX_REQUEST_BYTES + " bytes"));
        }
        JsonNode json;
        try {
            json = EventBridgeEnvelopes.MAPPER.readTree(payload);
        } catch (JsonProcessingException e) {
            return new FunctionOutcome.RequestRejected(List.of("the request is not JSON: " + e.getOriginalMessage()));
        } catch (IOException e) {
            return new FunctionOutcome.RequestRejected(List.of("the request could not be read: " + e.getMessage()));
        }
        if (CustomActionEvents.isCustomAction(json)) {
            return recheck(CustomActionEvents.read(json, components.config().region().id()));
        }
        return switch (OnDemandRequest.parse(json)) {
            case OnDemandRequest.Invalid invalid -> new FunctionOutcome.RequestRejected(invalid.problems());
            case OnDemandRequest.Valid valid when valid.request().publish() && !publishingAllowed -> new FunctionOutcome.RequestRejected(
                    List.of("\"publish\": true is turned off for this function (ON_DEMAND_PUBLISHING is false); ask without it for a report"));
            case OnDemandRequest.Valid valid -> check(valid.request());
        };
    }

    /**
     * "Re-check ECS Exec" on findings in Security Hub: each selected subject is evaluated again and
     * its findings published, a service with its own checks and running tasks, a family group with
     * the family's running tasks. ECS lists tasks by service or family only, so another group waits
     * for its next task event or the sweep.
     */
    private FunctionOutcome recheck(CustomActionEvents.Recheck recheck) {
        List<FunctionOutcome.OnDemandChecked> checked = new ArrayList<>();
        List<String> skipped = new ArrayList<>(recheck.skipped());
        for (Subject subject : recheck.subjects()) {
            if (subject.kind() == Subject.Kind.SERVICE) {
                checked.add(check(new OnDemandRequest(subject.clusterArn(), null, subject.name(), true)));
            } else if (subject.name().startsWith(FAMILY_GROUP)) {
                checked.add(checkFamily(subject.clusterArn(), subject.name().substring(FAMILY_GROUP.length())));
            } else {
                skipped.add(subject.describe() + ": ECS lists tasks by service or family only; its next task event or the sweep evaluates it");
            }
        }
        return new FunctionOutcome.Rechecked(recheck.actionName(), checked, skipped);
    }

    private FunctionOutcome.OnDemandChecked checkFamily(String clusterArn, String family) {
        OnDemandRequest request = new OnDemandRequest(clusterArn, null, null, true);
        return new FunctionOutcome.OnDemandChecked(request, new ServiceVerdict.NotRequested(),
                evaluate(request, components.ecs().listTasks(clusterArn, TaskListQuery.family(family))),
                AwsCallCount.drain(components.awsCalls()));
    }

    private FunctionOutcome.OnDemandChecked check(OnDemandRequest request) {
        ServiceVerdict service = request.service() == null
                ? new ServiceVerdict.NotRequested()
                : new ServiceVerdict.Requested(serviceOutcome(request));
        TaskVerdicts tasks = evaluate(request, tasksToCheck(request));
        return new FunctionOutcome.OnDemandChecked(request, service, tasks, AwsCallCount.drain(components.awsCalls()));
    }

    private TaskVerdicts evaluate(OnDemandRequest request, Fetched<List<String>> taskIds) {
        return switch (taskIds) {
            case Fetched.Present<List<String>> present -> {
                List<String> ids = present.value();
                BatchOutcome batch = components.batchEvaluation().evaluate(request.cluster(),
                        ids.size() > MAX_TASKS_PER_REQUEST ? ids.subList(0, MAX_TASKS_PER_REQUEST) : ids, request.publish());
                yield new TaskVerdicts.Evaluated(batch, ids.size());
            }
            case Fetched.Absent<List<String>> absent -> new TaskVerdicts.NotListed("no tasks");
            case Fetched.Failed<List<String>> failed -> new TaskVerdicts.NotListed(failed.failure().describe());
        };
    }

    private Fetched<List<String>> tasksToCheck(OnDemandRequest request) {
        if (request.task() != null) {
            return Fetched.present(List.of(request.task()));
        }
        return components.ecs().listTasks(request.cluster(),
                request.service() != null ? TaskListQuery.service(request.service()) : TaskListQuery.all());
    }

    /**
     * The service's own verdict: its checks and the preflight of the next task it will start, so a
     * service with no running task still gets an answer.
     */
    private ServiceOutcome serviceOutcome(OnDemandRequest request) {
        return request.publish()
                ? components.serviceEvaluation().evaluateAndPublish(request.cluster(), request.service())
                : components.serviceEvaluation().report(request.cluster(), request.service());
    }
}
