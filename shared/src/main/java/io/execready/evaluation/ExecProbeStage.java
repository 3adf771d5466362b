package io.execready.evaluation;

import io.execready.checks.task.ExecSessionProbeCheck;
import io.execready.engine.CheckResult;
import io.execready.engine.CheckStatus;
import io.execready.engine.TaskReport;
import io.execready.probe.ProbeOutcome;
import io.execready.probe.ProbeRun;
import io.execready.probe.ProbeTarget;
import io.execready.publish.VerdictFingerprint;
import io.execready.snapshot.ExecProbe;
import io.execready.snapshot.RunningTask;
import io.execready.snapshot.Subject;
import io.execready.snapshot.TaskContainer;
import io.execready.snapshot.TaskSnapshot;
import io.execready.state.ExecProbeLedger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Gathers the probe's fact after the engine's first pass, so the checks stay pure: a session is
 * opened only into a running task of a cluster where probing is on, whose other checks all pass
 * or warn, and at most once per subject per change of those verdicts (the ledger keeps the
 * outcome, which later evaluations report again).
 */
public final class ExecProbeStage {

    private static final ExecProbeStage OFF = new ExecProbeStage(Set.of(), null, null, Clock.systemUTC());

    private final Set<String> clusterNames;
    private final ExecProbeLedger ledger;
    private final Function<ProbeTarget, ProbeRun> probe;
    private final Clock clock;

    public ExecProbeStage(Set<String> clusterNames, ExecProbeLedger ledger, Function<ProbeTarget, ProbeRun> probe, Clock clock) {
        this.clusterNames = Set.copyOf(clusterNames);
        this.ledger = clusterNames.isEmpty() ? ledger : Objects.requireNonNull(ledger, "ledger");
        this.probe = clusterNames.isEmpty() ? probe : Objects.requireNonNull(probe, "probe");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Probing off everywhere: every snapshot keeps {@link ExecProbe.Off}. */
    public static ExecProbeStage off() {
        return OFF;
    }

    /** Whether the snapshot's task is in a cluster where probing is on: only then is a second pass worth it. */
    public boolean appliesTo(TaskSnapshot snapshot) {
        return clusterNames.contains(snapshot.task().clusterName());
    }

    /** The snapshot with the probe's fact, given the first pass's report of it; opens a session when one is due. */
    public TaskSnapshot attach(TaskSnapshot snapshot, TaskReport firstPass) {
        return appliesTo(snapshot) ? snapshot.withExecProbe(probe(snapshot, firstPass, true)) : snapshot;
    }

    /**
     * The snapshot with the probe recorded for the same verdicts, opening no session: for an
     * evaluation that publishes nothing (an on-demand check), which may cover a whole cluster.
     */
    public TaskSnapshot recall(TaskSnapshot snapshot, TaskReport firstPass) {
        return appliesTo(snapshot) ? snapshot.withExecProbe(probe(snapshot, firstPass, false)) : snapshot;
    }

    private ExecProbe probe(TaskSnapshot snapshot, TaskReport firstPass, boolean mayOpenSession) {
        if (!(snapshot.target() instanceof RunningTask running)) {
            return new ExecProbe.NotProbed("a preflight has no running task to open a session into");
        }
        List<CheckResult> others = firstPass.results().stream()
                .filter(result -> !result.checkId().equals(ExecSessionProbeCheck.DEFINITION.id()))
                .toList();
        List<String> notPassing = others.stream()
                .filter(result -> result.status() == CheckStatus.FAIL || result.status() == CheckStatus.UNKNOWN)
                .map(CheckResult::checkId)
                .toList();
        if (!notPassing.isEmpty()) {
            return new ExecProbe.NotProbed("the task is not otherwise ready (" + String.join(", ", notPassing)
                    + (notPassing.size() == 1 ? " does" : " do") + " not pass)");
        }
        Optional<TaskContainer> container = running.task().containers().stream()
                .filter(ExecProbeStage::runsExecAgent)
                .findFirst();
        if (container.isEmpty()) {
            return new ExecProbe.NotProbed("none of its containers runs the ExecuteCommandAgent");
        }
        Optional<String> runtimeId = container.get().reportedRuntimeId();
        if (runtimeId.isEmpty()) {
            return new ExecProbe.NotProbed("ECS reported no runtime id for container " + container.get().name()
                    + ", which a session's target names");
        }
        Subject subject = Subject.of(running.task());
        String fingerprint = fingerprint(others, snapshot);
        Optional<ProbeOutcome> recorded = ledger.recorded(subject, fingerprint);
        if (recorded.isPresent()) {
            return new ExecProbe.Probed(recorded.get());
        }
        if (!mayOpenSession) {
            return new ExecProbe.NotProbed("no probe has run for its current verdicts; an evaluation that publishes runs one");
        }
        if (!ledger.claim(subject, fingerprint, clock.instant())) {
            return new ExecProbe.NotProbed("another evaluation of " + subject.describe() + " is probing it for the same verdicts");
        }
        ProbeRun run = probe.apply(new ProbeTarget(running.task().clusterArn(), running.task().taskArn(), container.get().name(),
                runtimeId.get()));
        ledger.record(subject, fingerprint, run.outcome(), clock.instant());
        return new ExecProbe.Probed(run.outcome());
    }

    private static boolean runsExecAgent(TaskContainer container) {
        return container.executeCommandAgent().map(agent -> "RUNNING".equals(agent.status())).orElse(false);
    }

    /** The other checks' verdicts, in catalog order, as one hash: a change of any of them allows a new probe. */
    static String fingerprint(List<CheckResult> results, TaskSnapshot snapshot) {
        StringBuilder verdicts = new StringBuilder();
        results.forEach(result -> verdicts.append(result.checkId()).append('=')
                .append(VerdictFingerprint.of(result, snapshot.target())).append('\n'));
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(verdicts.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
