package io.execready.evaluation;

import io.execready.aws.EcsGateway;
import io.execready.aws.TaskListQuery;
import io.execready.engine.CheckEngine;
import io.execready.engine.CheckStatus;
import io.execready.engine.ReadFailedException;
import io.execready.engine.TaskReport;
import io.execready.publish.FindingsPort;
import io.execready.publish.PublishResult;
import io.execready.snapshot.Arn;
import io.execready.snapshot.EcsTask;
import io.execready.snapshot.FailureKind;
import io.execready.snapshot.Fetched;
import io.execready.snapshot.ReadFailure;
import io.execready.snapshot.RunningTask;
import io.execready.snapshot.Subject;
import io.execready.snapshot.TaskSnapshot;
import io.execready.state.TaskEventMark;
import io.execready.state.TaskEventVersions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The one path every trigger takes. A running task is loaded, checked and, when it speaks for its
 * subject, published through the {@link FindingsPort} (findings that changed, one alert per
 * transition). A stopped task settles its subject: when the subject is gone (service deleted, or
 * no task of the group left), its findings are archived.
 *
 * <p>Failures to read what settling needs, to write the state, or to publish propagate (after the
 * publishers' own retries) so the invocation fails and Lambda retries it or dead-letters it.
 */
public final class TaskEvaluation {

    static final String RUNNING = "RUNNING";
    static final String STOPPED = "STOPPED";
    private static final String FAMILY_GROUP = "family:";

    private final SnapshotSource snapshots;
    private final CheckEngine engine;
    private final FindingsPort findings;
    private final EcsGateway ecs;
    private final TaskEventVersions versions;
    private final ExecProbeStage probes;

    public TaskEvaluation(SnapshotSource snapshots, CheckEngine engine, FindingsPort findings, EcsGateway ecs,
                          TaskEventVersions versions) {
        this(snapshots, engine, findings, ecs, versions, ExecProbeStage.off());
    }

    /** @param probes the opt-in ECS Exec probe, run after the first pass where it is turned on */
    public TaskEvaluation(SnapshotSource snapshots, CheckEngine engine, FindingsPort findings, EcsGateway ecs,
                          TaskEventVersions versions, ExecProbeStage probes) {
        this.probes = Objects.requireNonNull(probes, "probes");
        this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
        this.engine = Objects.requireNonNull(engine, "engine");
        this.findings = Objects.requireNonNull(findings, "findings");
        this.ecs = Objects.requireNonNull(ecs, "ecs");
        this.versions = Objects.requireNonNull(versions, "versions");
    }

    /**
     * Handles one task state change: RUNNING evaluates, STOPPED settles, other states are skipped.
     * An event whose version is not newer than one already handled for the task is dropped.
     *
     * <p>The event is not trusted as it comes: a RUNNING task is described from ECS (in the
     * function's own account and region) and the evaluation judges what ECS says, which also fills
     * the exec fields (enableExecuteCommand, managedAgents) that some events lack. A task ECS does
     * not know publishes nothing.
     */
    public TaskEventOutcome onTaskStateChange(EcsTask task) {
        String status = task.lastStatus();
        if (!RUNNING.equals(status) && !STOPPED.equals(status)) {
            return new TaskEventOutcome.Skipped(task.taskArn(), "task lastStatus is " + status + ": only RUNNING and STOPPED are acted on");
        }
        OptionalLong processed = versions.alreadyProcessed(task);
        if (processed.isPresent()) {
            return new TaskEventOutcome.Stale(task.taskArn(), task.version(), processed.getAsLong());
        }
        if (STOPPED.equals(status)) {
            // Settling reads from ECS whether the subject is gone; the event's facts decide nothing.
            TaskEventOutcome settled = new TaskEventOutcome.Settled(settle(task));
            versions.processed(task);
            return settled;
        }
        Fetched<EcsTask> confirmed = ecs.describeTasks(task.clusterArn(), List.of(task.taskArn()))
                .getOrDefault(task.taskArn(), Fetched.absent("ECS did not answer for task " + task.taskArn()));
        EcsTask current;
        switch (confirmed) {
            case Fetched.Present<EcsTask> present -> current = present.value();
            case Fetched.Absent<EcsTask> absent -> {
                return new TaskEventOutcome.Unconfirmed(task.taskArn(), "ECS has no such task in this function's account and region ("
                        + absent.description() + "): nothing is published for it");
            }
            case Fetched.Failed<EcsTask> failed when !failed.failure().kind().passing() -> {
                return new TaskEventOutcome.Unconfirmed(task.taskArn(), "the task could not be confirmed from ECS: "
                        + failed.failure().describe() + "; nothing is published for it");
            }
            case Fetched.Failed<EcsTask> failed -> throw new ReadFailedException(
                    "Cannot confirm task " + task.taskArn() + " from ECS before publishing its verdict", failed.failure());
        }
        if (!RUNNING.equals(current.lastStatus())) {
            return new TaskEventOutcome.Skipped(task.taskArn(), "ECS now reports the task " + current.lastStatus()
                    + ": its own event settles it");
        }
        EvaluationOutcome evaluated = evaluateAndPublish(current, TaskEventMark.of(task));
        if (isFinal(evaluated.report()) && !evaluated.published().eventMarked()) {
            versions.processed(task);
        }
        return new TaskEventOutcome.Evaluated(evaluated);
    }

    /** A verdict with a check that could not be read is not final: its replay must evaluate again, not be dropped as STALE. */
    private static boolean isFinal(TaskReport report) {
        return report.withStatus(CheckStatus.UNKNOWN).isEmpty();
    }

    /** Evaluates without publishing anything, nor opening an ECS Exec session (a probe already run is reported). */
    public TaskReport evaluate(EcsTask task) {
        TaskSnapshot loaded = snapshots.load(new RunningTask(task));
        TaskReport firstPass = engine.evaluate(loaded);
        TaskSnapshot snapshot = probes.recall(loaded, firstPass);
        return snapshot == loaded ? firstPass : engine.evaluate(snapshot);
    }

    /** Evaluates and, when the task speaks for its subject, publishes what changed. */
    public EvaluationOutcome evaluateAndPublish(EcsTask task) {
        return evaluateAndPublish(task, Optional.empty());
    }

    /**
     * The same, for a task event: a final verdict is published with the event's mark, so that the
     * publication's last write marks it handled too (one write in all when nothing changed).
     */
    private EvaluationOutcome evaluateAndPublish(EcsTask task, Optional<TaskEventMark> handled) {
        TaskSnapshot loaded = snapshots.load(new RunningTask(task));
        TaskReport firstPass = engine.evaluate(loaded);
        TaskSnapshot snapshot = probes.attach(loaded, firstPass);
        TaskReport report = snapshot == loaded ? firstPass : engine.evaluate(snapshot);
        PublishAuthority authority = PublishAuthority.of(snapshot);
        Optional<TaskEventMark> mark = handled.filter(h -> isFinal(report));
        PublishResult published = !authority.authoritative() ? PublishResult.NOTHING
                : mark.isPresent() ? findings.publishMarking(report, mark.get()) : findings.publish(report);
        return new EvaluationOutcome(report, authority, published);
    }

    /** Archives the stopped task's subject when it is gone; leaves it alone while it lives. */
    public SettlementOutcome settle(EcsTask stopped) {
        Subject subject = Subject.of(stopped);
        if (!findings.hasLiveFindings(subject)) {
            return new SettlementOutcome.Kept(subject, "nothing was published for " + subject.describe());
        }
        Optional<String> gone = subject.kind() == Subject.Kind.SERVICE
                ? ServicePresence.of(ecs.describeService(subject.clusterArn(), subject.name())).gone(subject)
                : groupGone(subject, stopped);
        return gone.<SettlementOutcome>map(why -> new SettlementOutcome.Archived(subject, why, findings.archive(subject)))
                .orElseGet(() -> new SettlementOutcome.Kept(subject, subject.describe() + " still has tasks or still exists"));
    }

    /** Why the group is gone (no task of it that ECS still wants running); empty while one is left. */
    private Optional<String> groupGone(Subject subject, EcsTask stopped) {
        TaskListQuery query = groupQuery(subject, stopped);
        List<String> listed = switch (ecs.listTasks(subject.clusterArn(), query)) {
            case Fetched.Present<List<String>> present -> present.value();
            case Fetched.Absent<List<String>> absent -> List.of();
            case Fetched.Failed<List<String>> failed when failed.failure().kind() == FailureKind.NOT_FOUND -> List.of();
            case Fetched.Failed<List<String>> failed -> throw new ReadFailedException(
                    "Cannot tell whether " + subject.describe() + " has tasks left", failed.failure());
        };
        List<String> others = listed.stream().filter(arn -> !arn.equals(stopped.taskArn())).toList();
        if (others.isEmpty()) {
            return Optional.of(noTaskLeft(subject, query));
        }
        // ListTasks filters by family or starter, not by group: the candidates' own group decides.
        List<ReadFailure> unreadable = new ArrayList<>();
        for (Map.Entry<String, Fetched<EcsTask>> entry : ecs.describeTasks(subject.clusterArn(), others).entrySet()) {
            switch (entry.getValue()) {
                case Fetched.Present<EcsTask> present -> {
                    if (Subject.of(present.value()).equals(subject) && !STOPPED.equals(present.value().lastStatus())) {
                        return Optional.empty();
                    }
                }
                case Fetched.Absent<EcsTask> absent -> { }
                case Fetched.Failed<EcsTask> failed -> unreadable.add(failed.failure());
            }
        }
        if (!unreadable.isEmpty()) {
            throw new ReadFailedException("Cannot tell whether " + subject.describe() + " has tasks left", unreadable.getFirst());
        }
        return Optional.of(noTaskLeft(subject, query));
    }

    private static String noTaskLeft(Subject subject, TaskListQuery query) {
        return "no task of " + subject.describe() + " is left running or pending (ecs:ListTasks by " + query.describe() + ")";
    }

    /**
     * A {@code family:NAME} group lists by that family; another group by who started the task when
     * that is known, else by the stopped task's family (tasks of the group from other families are
     * then not seen, and come back on their next evaluation).
     */
    static TaskListQuery groupQuery(Subject subject, EcsTask stopped) {
        if (subject.name().startsWith(FAMILY_GROUP)) {
            return TaskListQuery.family(subject.name().substring(FAMILY_GROUP.length()));
        }
        if (stopped.startedBy() != null && !stopped.startedBy().isBlank()) {
            return TaskListQuery.startedBy(stopped.startedBy());
        }
        String revision = Arn.parse(stopped.taskDefinitionArn()).map(Arn::resourceName).orElse(subject.name());
        int colon = revision.lastIndexOf(':');
        return TaskListQuery.family(colon < 0 ? revision : revision.substring(0, colon));
    }
}
