package io.execready.evaluation;

import io.execready.aws.EcsGateway;
import io.execready.aws.TaskListQuery;
import io.execready.checks.CheckRegistry;
import io.execready.engine.CheckEngine;
import io.execready.engine.CheckResult;
import io.execready.engine.ReadFailedException;
import io.execready.engine.ReportResources;
import io.execready.engine.ServiceCheck;
import io.execready.engine.ServiceReport;
import io.execready.publish.FindingsPort;
import io.execready.publish.PublishResult;
import io.execready.snapshot.EcsService;
import io.execready.snapshot.EcsTask;
import io.execready.snapshot.Fetched;
import io.execready.snapshot.NextTaskOf;
import io.execready.snapshot.ServiceSnapshot;
import io.execready.snapshot.Subject;
import io.execready.snapshot.TaskSnapshot;
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

    private final EcsGateway ecs;
    private final SnapshotSource snapshots;
    private final List<ServiceCheck> serviceChecks;
    private final FindingsPort findings;
    private final Clock clock;

    public ServiceEvaluation(EcsGateway ecs, SnapshotSource snapshots, List<ServiceCheck> serviceChecks, FindingsPort findings,
                             Clock clock) {
        this.ecs = Objects.requireNonNull(ecs, "ecs");
        this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
        this.serviceChecks = List.copyOf(serviceChecks);
        this.findings = Objects.requireNonNull(findings, "findings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Describes the service and publishes its preflight and service checks; a service that is
     * draining after deletion has its findings archived instead. A service that cannot be read fails
     * the invocation, so that Lambda retries it.
     */
    public ServiceOutcome evaluateAndPublish(String cluster, String serviceName) {
        return switch (ServicePresence.of(ecs.describeService(cluster, serviceName))) {
            case ServicePresence.Active active -> {
                ServiceReport report = evaluate(active.service());
                yield new ServiceOutcome.Evaluated(report, findings.publish(report));
            }
            case ServicePresence.Draining draining -> archive(Subject.service(draining.service().clusterArn(), serviceName),
                    "service " + serviceName + " is being deleted");
            case ServicePresence.Missing missing -> new ServiceOutcome.NotEvaluated(missing.why());
            // Refused for good (another account's cluster, a permission this role lacks): a retry cannot help.
            case ServicePresence.Unreadable unreadable when !unreadable.failure().kind().passing() ->
                    new ServiceOutcome.NotEvaluated(unreadable.failure().describe());
            case ServicePresence.Unreadable unreadable -> throw new ReadFailedException(
                    "Cannot evaluate service " + serviceName + " in cluster " + cluster, unreadable.failure());
        };
    }

    /** Describes the service and reports its preflight and service checks, publishing nothing. */
    public ServiceOutcome report(String cluster, String serviceName) {
        return switch (ServicePresence.of(ecs.describeService(cluster, serviceName))) {
            case ServicePresence.Active active -> reportOnly(active.service());
            case ServicePresence.Draining draining -> reportOnly(draining.service());
            case ServicePresence.Missing missing -> new ServiceOutcome.NotEvaluated(missing.why());
            case ServicePresence.Unreadable unreadable -> new ServiceOutcome.NotEvaluated(unreadable.failure().describe());
        };
    }

    /** Archives the findings of a deleted service. */
    public ServiceOutcome.Archived archive(Subject subject, String why) {
        return new ServiceOutcome.Archived(subject, why, findings.archive(subject));
    }

    /** The preflight and service checks' verdicts on the service, in catalog order, without publishing. */
    public ServiceReport evaluate(EcsService service) {
        NextTaskOf next = NextTaskOf.of(service);
        CheckEngine preflight = new CheckEngine(CheckRegistry.preflight(service.awsvpcNetwork().isPresent()), clock);
        TaskSnapshot nextSnapshot = snapshots.load(next);
        List<CheckResult> preflightResults = preflight.results(nextSnapshot);
        ServiceSnapshot snapshot = new ServiceSnapshot(service, primaryTasks(service));
        List<CheckResult> serviceResults = new ArrayList<>();
        for (ServiceCheck check : serviceChecks) {
            serviceResults.add(evaluateOne(check, snapshot));
        }
        return new ServiceReport(next, clock.instant(), preflightResults, serviceResults, ReportResources.of(nextSnapshot).withService(service));
    }

    private ServiceOutcome reportOnly(EcsService service) {
        return new ServiceOutcome.Evaluated(evaluate(service), PublishResult.NOTHING);
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
        if (arns.isEmpty()) {
            return Fetched.present(List.of());
        }
        List<EcsTask> tasks = new ArrayList<>();
        for (Map.Entry<String, Fetched<EcsTask>> entry : ecs.describeTasks(cluster, arns).entrySet()) {
            switch (entry.getValue()) {
                case Fetched.Present<EcsTask> present -> tasks.add(present.value());
                case Fetched.Absent<EcsTask> absent -> { }
                case Fetched.Failed<EcsTask> failed -> {
                    return failed.retyped();
                }
            }
        }
        return Fetched.present(List.copyOf(tasks));
    }
}
