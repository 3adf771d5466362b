package io.execready.engine;

import io.execready.snapshot.EcsTask;
import io.execready.snapshot.RunningTask;
import io.execready.snapshot.Subject;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Every check's verdict on one running task, with what a person needs to connect when Exec is ready.
 *
 * @param task                 the task evaluated
 * @param subject              who the findings are about
 * @param evaluatedAt          when the evaluation ran
 * @param results              one result per registered check, in registry order
 * @param execCapableContainers containers whose exec agent is running, in task order
 * @param resources            the service, cluster and task definition as read
 */
public record TaskReport(EcsTask task, Subject subject, Instant evaluatedAt, List<CheckResult> results, List<String> execCapableContainers,
                         ReportResources resources)
        implements SubjectReport {

    /** A report whose findings describe only the task. */
    public TaskReport(EcsTask task, Subject subject, Instant evaluatedAt, List<CheckResult> results, List<String> execCapableContainers) {
        this(task, subject, evaluatedAt, results, execCapableContainers, ReportResources.NONE);
    }

    public TaskReport {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(evaluatedAt, "evaluatedAt");
        results = List.copyOf(results);
        execCapableContainers = List.copyOf(execCapableContainers);
        Objects.requireNonNull(resources, "resources");
    }

    @Override
    public RunningTask target() {
        return new RunningTask(task);
    }
}
