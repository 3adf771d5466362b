package io.execready.evaluation;

import io.execready.aws.EcsGateway;
import io.execready.aws.TaskListQuery;
import io.execready.checks.CheckRegistry;
import io.execready.engine.CheckEngine;
import io.execready.engine.CheckResult;
import io.execready.engine.ReadFailedException;
import io.execready.engine.ServiceCheck;
import io.execready.engine.TaskReport;
import io.execready.snapshot.EcsService;
import io.execready.snapshot.EcsTask;
import io.execready.snapshot.Fetched;
import io.execready.snapshot.ProspectiveTask;
import io.execready.snapshot.ServiceSnapshot;
import io.execready.snapshot.Subject;
import io.execready.state.FindingLifecycle;
import io.execready.state.PublishResult;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Judges a service before and beside its tasks: the service checks, and the preflight (the task
 * checks that need no running task, run on the task the service will start next). The report holds
 * only those checks, and publishing it changes only their findings: the findings of checks that
 * need a running task stay what the service's tasks made them.
 */
public final class ServiceEvaluation {

    private static final String DRAINING = "DRAINING";
    private static final int DESCRIBE_BATCH = 100;

    private final EcsGateway ecs;
    private final SnapshotSource snapshots;
    private final List<ServiceCheck> serviceChecks;
    private final FindingLifecycle lifecycle;
    private final Clock clock;

    public ServiceEvaluation(EcsGateway ecs, SnapshotSource snapshots, List<ServiceCheck> serviceChecks, FindingLifecycle lifecycle,
                             Clock clock) {
        this.ecs = Objects.requireNonNull(ecs, "ecs");
        this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
        this.serviceChecks = List.copyOf(serviceChecks);
        this.lifecycle = Objects.requireNonNull(lifecycle, "lifecycle");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Describes the service and publishes its preflight and service checks; a service that is gone
     * or draining has its findings archived instead. A service that cannot be read fails the
     * invocation, so that Lambda retries it.
     */
    public ServiceOutcome evaluateAndPublish(String cluster, String serviceName) {
        return switch (ecs.describeService(cluster, serviceName)) {
            case Fetched.Present<EcsService> present when DRAINING.equals(present.value().status()) ->
                    archive(Subject.service(present.value().clusterArn(), serviceName), "service " + serviceName + " is being deleted");
            case Fetched.Present<EcsService> present -> {
                TaskReport report = evaluate(present.value());
                yield new ServiceOutcome(report.subject(), report, lifecycle.publish(report), "evaluated");
            }
            case Fetched.Absent<EcsService> absent -> new ServiceOutcome(null, null, PublishResult.NOTHING,
                    "not evaluated: " + absent.description());
            case Fetched.Failed<EcsService> failed -> throw new ReadFailedException(
                    "Cannot evaluate service " + serviceName + " in cluster " + cluster, failed.failure());
        };
    }

    /** Archives the findings of a deleted service. */
    public ServiceOutcome archive(Subject subject, String why) {
        return new ServiceOutcome(subject, null, lifecycle.archive(subject), "archived: " + why);
    }

    /** The preflight and service checks' verdicts on the service, in catalog order, without publishing. */
    public TaskReport evaluate(EcsService service) {
        EcsTask next = ProspectiveTask.of(service);
        CheckEngine preflight = new CheckEngine(CheckRegistry.preflight(service.awsvpcNetwork().isPresent()), clock);
        TaskReport preflightReport = preflight.evaluate(snapshots.load(next));
        ServiceSnapshot snapshot = new ServiceSnapshot(service, primaryTasks(service));
        List<CheckResult> results = new ArrayList<>(preflightReport.results());
        for (ServiceCheck check : serviceChecks) {
            results.add(evaluateOne(check, snapshot));
        }
        return new TaskReport(next, snapshot.subject(), preflightReport.evaluatedAt(), results, List.of());
    }

    private static CheckResult evaluateOne(ServiceCheck check, ServiceSnapshot snapshot) {
        try {
            return check.evaluate(snapshot);
        } catch (RuntimeException e) {
            return check.definition().unknown(
                    "The check " + check.id() + " could not evaluate service " + snapshot.service().serviceArn() + ": " + e + ".",
                    "Report this to the ExecReady maintainers with the service ARN; the other checks are unaffected.");
        }
    }

    /** The tasks ECS still wants running that the PRIMARY deployment started, read as they are now. */
    private Fetched<List<EcsTask>> primaryTasks(EcsService service) {
        if (service.primaryDeploymentId() == null) {
            return Fetched.absent("service " + service.serviceName() + " reports no PRIMARY deployment");
        }
        return ecs.listTasks(service.clusterArn(), TaskListQuery.startedBy(service.primaryDeploymentId()))
                .flatMap(arns -> describe(service.clusterArn(), arns));
    }

    private Fetched<List<EcsTask>> describe(String cluster, List<String> arns) {
        List<EcsTask> tasks = new ArrayList<>();
        for (int from = 0; from < arns.size(); from += DESCRIBE_BATCH) {
            for (Map.Entry<String, Fetched<EcsTask>> entry : ecs.describeTasks(cluster, arns.subList(from, Math.min(arns.size(), from + DESCRIBE_BATCH))).entrySet()) {
                switch (entry.getValue()) {
                    case Fetched.Present<EcsTask> present -> tasks.add(present.value());
                    case Fetched.Absent<EcsTask> absent -> { }
                    case Fetched.Failed<EcsTask> failed -> {
                        return failed.retyped();
                    }
                }
            }
        }
        return Fetched.present(List.copyOf(tasks));
    }
}
