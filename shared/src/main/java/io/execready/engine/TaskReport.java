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
 */
public record TaskReport(EcsTask task, Subject subject, Instant evaluatedAt, List<CheckResult> results, List<String> execCapableContainers)
        implements SubjectReport {

    public TaskReport {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(evaluatedAt, "evaluatedAt");
        results = List.copyOf(results);
        execCapableContainers = List.copyOf(execCapableContainers);
    }

    @Override
    public RunningTask target() {
        return new RunningTask(task);
    }
}
