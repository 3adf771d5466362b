package io.execready.engine;

import io.execready.checks.support.ShellWords;
import io.execready.snapshot.EcsTask;
import io.execready.snapshot.EvaluatedTask;
import io.execready.snapshot.ReadFailure;
import io.execready.snapshot.Subject;
import java.time.Instant;
import java.util.List;

/**
 * Verdicts that speak for a subject and may be published for it: a running task's report, or a
 * service's own report (its service checks and the preflight of the task it starts next).
 */
public sealed interface SubjectReport permits TaskReport, ServiceReport {

    /** The task the task checks judged: a running task, or the next task of a service. */
    EvaluatedTask target();

    /** The task's facts: {@code target().task()}. */
    default EcsTask task() {
        return target().task();
    }

    /** Who the findings are about. */
    Subject subject();

    /** When the evaluation ran. */
    Instant evaluatedAt();

    /** The service, cluster and task definition as read for the evaluation, for the findings' resource details. */
    ReportResources resources();

    /** The verdicts, in catalog order. */
    List<CheckResult> results();

    /** Containers whose exec agent is running, in task order; none before a task runs. */
    List<String> execCapableContainers();

    /** Not ready when a check fails; else undetermined when a check that decides readiness could not be read; else ready. */
    default Readiness readiness() {
        return Readiness.of(results());
    }

    /**
     * The failed reads of the moment (throttled, unreachable, timed out) behind an undetermined
     * verdict: empty unless the subject is {@link Readiness#UNDETERMINED} and a check went UNKNOWN
     * for such a read. A retry of the same evaluation may decide the subject; a denial or a missing
     * resource would leave it as it is, so those are not listed.
     */
    default List<ReadFailure> momentaryReadFailures() {
        if (readiness() != Readiness.UNDETERMINED) {
            return List.of();
        }
        return results().stream()
                .filter(Readiness::undecided)
                .flatMap(result -> result.readFailures().stream())
                .filter(failure -> failure.kind().momentary())
                .distinct()
                .toList();
    }

    /** ECS Exec works: every check was read and none failed. An undetermined subject is not reported as ready. */
    default boolean execReady() {
        return readiness() == Readiness.READY;
    }

    default List<CheckResult> failures() {
        return withStatus(CheckStatus.FAIL);
    }

    default List<CheckResult> withStatus(CheckStatus status) {
        return results().stream().filter(r -> r.status() == status).toList();
    }

    /** The commands that open a shell in each exec-capable container; empty when Exec is not ready. */
    default List<String> connectCommands() {
        if (!execReady()) {
            return List.of();
        }
        return execCapableContainers().stream()
                .map(container -> "aws ecs execute-command --cluster " + ShellWords.quote(task().clusterName())
                        + " --task " + ShellWords.quote(task().taskId())
                        + " --container " + ShellWords.quote(container) + " --interactive --command /bin/sh")
                .toList();
    }
}
