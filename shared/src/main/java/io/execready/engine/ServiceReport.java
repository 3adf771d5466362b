package io.execready.engine;

import io.execready.snapshot.NextTaskOf;
import io.execready.snapshot.Subject;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A service's own verdict, before and beside its tasks: the preflight (the task checks that need no
 * running task, run on the task the service starts next) and the service checks. Publishing it
 * changes only these checks' findings: those of checks that need a running task stay what the
 * service's tasks made them.
 *
 * @param nextTask      the task the service starts next, which the preflight judged
 * @param evaluatedAt   when the evaluation ran
 * @param preflight     the preflight checks' verdicts, in catalog order
 * @param serviceChecks the service checks' verdicts, in catalog order
 * @param resources     the service, cluster and task definition as read
 */
public record ServiceReport(NextTaskOf nextTask, Instant evaluatedAt, List<CheckResult> preflight, List<CheckResult> serviceChecks,
                            ReportResources resources)
        implements SubjectReport {

    /** A report whose findings describe the service and its next task only. */
    public ServiceReport(NextTaskOf nextTask, Instant evaluatedAt, List<CheckResult> preflight, List<CheckResult> serviceChecks) {
        this(nextTask, evaluatedAt, preflight, serviceChecks, ReportResources.NONE.withService(nextTask.service()));
    }

    public ServiceReport {
        Objects.requireNonNull(nextTask, "nextTask");
        Objects.requireNonNull(evaluatedAt, "evaluatedAt");
        preflight = List.copyOf(preflight);
        serviceChecks = List.copyOf(serviceChecks);
        Objects.requireNonNull(resources, "resources");
    }

    @Override
    public NextTaskOf target() {
        return nextTask;
    }

    /** The service, the same subject its tasks publish under. */
    @Override
    public Subject subject() {
        return Subject.service(nextTask.service().clusterArn(), nextTask.service().serviceName());
    }

    /** The preflight's verdicts, then the service checks'. */
    @Override
    public List<CheckResult> results() {
        return Stream.concat(preflight.stream(), serviceChecks.stream()).toList();
    }

    @Override
    public List<String> execCapableContainers() {
        return List.of();
    }
}
