package io.execready.engine;

import io.execready.snapshot.EcsTask;
import io.execready.snapshot.Subject;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Every check's verdict on one task, with what a person needs to connect when Exec is ready.
 *
 * @param task                 the task evaluated
 * @param subject              who the findings are about
 * @param evaluatedAt          when the evaluation ran
 * @param results              one result per registered check, in registry order
 * @param execCapableContainers containers whose exec agent is running, in task order
 */
public record TaskReport(EcsTask task, Subject subject, Instant evaluatedAt, List<CheckResult> results, List<String> execCapableContainers) {

    public TaskReport {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(evaluatedAt, "evaluatedAt");
        results = List.copyOf(results);
        execCapableContainers = List.copyOf(execCapableContainers);
    }

    /** ECS Exec works when no check failed. UNKNOWN does not make a task ready or not ready. */
    public boolean execReady() {
        return results.stream().noneMatch(r -> r.status().blocksExec());
    }

    public List<CheckResult> failures() {
        return withStatus(CheckStatus.FAIL);
    }

    public List<CheckResult> withStatus(CheckStatus status) {
        return results.stream().filter(r -> r.status() == status).toList();
    }

    /** The commands that open a shell in each exec-capable container; empty when Exec is not ready. */
    public List<String> connectCommands() {
        if (!execReady()) {
            return List.of();
        }
        return execCapableContainers.stream()
                .map(container -> "aws ecs execute-command --cluster " + task.clusterName() + " --task " + task.taskId()
                        + " --container " + container + " --interactive --command /bin/sh")
                .toList();
    }
}
