package io.execready.evaluation;

import io.execready.aws.EcsGateway;
import io.execready.aws.TaskListQuery;
import io.execready.engine.CheckStatus;
import io.execready.engine.ReadFailedException;
import io.execready.publish.FindingsPort;
import io.execready.publish.PublishResult;
import io.execready.snapshot.FailureKind;
import io.execready.snapshot.Fetched;
import io.execready.snapshot.ReadFailure;
import io.execready.snapshot.Subject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The periodic sweep of one cluster. Every running task is evaluated and published, which catches
 * drift no ECS event reports (IAM, VPC endpoints, KMS) and re-imports unchanged findings whose
 * heartbeat is due. Then subjects anything was published for but that are gone are archived: a
 * service ECS no longer has (or is draining after deletion), a group with no running task left.
 *
 * <p>The published subjects are read before the tasks are listed, so a subject first published after
 * the listing is never a candidate. A group whose first task starts between the listing and the
 * archive is archived and comes back ACTIVE on that task's RUNNING event.
 */
public final class ClusterSweep {

    private final EcsGateway ecs;
    private final TaskBatchEvaluation batch;
    private final FindingsPort findings;

    public ClusterSweep(EcsGateway ecs, TaskBatchEvaluation batch, FindingsPort findings) {
        this.ecs = Objects.requireNonNull(ecs, "ecs");
        this.batch = Objects.requireNonNull(batch, "batch");
        this.findings = Objects.requireNonNull(findings, "findings");
    }

    /**
     * What one cluster's sweep did.
     *
     * @param clusterArn       the cluster
     * @param tasksEvaluated   running tasks evaluated (and published where they speak for their subject)
     * @param notReadySubjects subjects with a task that speaks for them and is not Exec-ready
     * @param unknownChecks    checks that could not decide, summed over the tasks
     * @param findingsImported findings imported: changed, heartbeats and archived
     * @param importCalls      BatchImportFindings calls made
     * @param notEvaluated     why any listed task was not evaluated
     * @param archived         subjects whose findings were archived, described
     * @param momentaryReadFailures reads of the moment (throttled, unreachable, timed out) that left a
     *                         published subject undetermined: the sweep is worth delivering again
     */
    public record Outcome(String clusterArn, int tasksEvaluated, int notReadySubjects, int unknownChecks, int findingsImported,
                          int importCalls, List<String> notEvaluated, List<String> archived, List<ReadFailure> momentaryReadFailures) {
        public Outcome {
            Objects.requireNonNull(clusterArn, "clusterArn");
            notEvaluated = List.copyOf(notEvaluated);
            archived = List.copyOf(archived);
            momentaryReadFailures = List.copyOf(momentaryReadFailures);
        }
    }

    /**
     * Sweeps the cluster. Failures to list, to describe a listed task, to tell whether a subject is
     * gone, or to publish propagate, so the unit of work is retried whole (every step is idempotent).
     */
    public Outcome sweep(String clusterArn) {
        List<Subject> known = findings.subjectsOf(clusterArn);
        List<String> taskArns = switch (ecs.listTasks(clusterArn, TaskListQuery.all())) {
            case Fetched.Present<List<String>> present -> present.value();
            case Fetched.Absent<List<String>> absent -> List.of();
            // The cluster was deleted since the message was queued: no task runs, its subjects are archived.
            case Fetched.Failed<List<String>> failed when failed.failure().kind() == FailureKind.NOT_FOUND -> List.of();
            case Fetched.Failed<List<String>> failed -> throw new ReadFailedException(
                    "Cannot list the running tasks of cluster " + clusterArn, failed.failure());
        };
        TaskBatchEvaluation.BatchOutcome evaluated = batch.evaluate(clusterArn, taskArns, true);

        Set<Subject> running = new LinkedHashSet<>();
        Set<Subject> notReady = new LinkedHashSet<>();
        int unknown = 0;
        int imported = 0;
        int calls = 0;
        Set<ReadFailure> momentary = new LinkedHashSet<>();
        for (EvaluationOutcome outcome : evaluated.evaluated()) {
            momentary.addAll(outcome.momentaryReadFailures());
            running.add(outcome.report().subject());
            if (outcome.authority().authoritative() && !outcome.report().execReady()) {
                notReady.add(outcome.report().subject());
            }
            unknown += outcome.report().withStatus(CheckStatus.UNKNOWN).size();
            imported += outcome.findingsImported();
            calls += outcome.published().importCalls();
        }

        List<String> archived = new ArrayList<>();
        for (Subject subject : known) {
            if (running.contains(subject)) {
                continue;
            }
            // A task that could not be described may belong to this group: keep it until the next sweep.
            boolean groupMayLive = subject.kind() == Subject.Kind.GROUP && !evaluated.notEvaluated().isEmpty();
            if (groupMayLive || !findings.hasLiveFindings(subject)) {
                continue;
            }
            Optional<String> gone = subject.kind() == Subject.Kind.SERVICE
                    ? ServicePresence.of(ecs.describeService(subject.clusterArn(), subject.name())).gone(subject)
                    : Optional.of("no task of " + subject.describe() + " is running");
            if (gone.isPresent()) {
                PublishResult result = findings.archive(subject);
                imported += result.findingsImported();
                calls += result.importCalls();
                archived.add(subject.describe() + ": " + gone.get());
            }
        }
        if (!evaluated.readFailures().isEmpty()) {
            // Fewer tasks evaluated than listed: the message is delivered again (every step above is idempotent).
            throw new ReadFailedException("Swept " + evaluated.evaluated().size() + " of the " + taskArns.size()
                    + " tasks listed in cluster " + clusterArn + "; the others could not be described", evaluated.readFailures().getFirst());
        }
        return new Outcome(clusterArn, evaluated.evaluated().size(), notReady.size(), unknown, imported, calls,
                evaluated.notEvaluated(), archived, List.copyOf(momentary));
    }
}
