package io.execready.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import io.execready.checks.CheckRegistry;
import io.execready.checks.task.ExecSessionProbeCheck;
import io.execready.engine.CheckEngine;
import io.execready.engine.CheckResult;
import io.execready.engine.CheckStatus;
import io.execready.engine.TaskReport;
import io.execready.fixtures.InMemoryExecProbeLedger;
import io.execready.fixtures.TaskSnapshotFixture;
import io.execready.probe.ProbeOutcome;
import io.execready.probe.ProbeRun;
import io.execready.probe.ProbeTarget;
import io.execready.snapshot.ExecProbe;
import io.execready.snapshot.TaskSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExecProbeStageTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-03T09:00:00Z"), ZoneOffset.UTC);

    private final CheckEngine engine = new CheckEngine(CheckRegistry.all(), CLOCK);
    private final InMemoryExecProbeLedger ledger = new InMemoryExecProbeLedger();
    private final List<ProbeTarget> probed = new ArrayList<>();
    private final ExecProbeStage stage = new ExecProbeStage(Set.of(TaskSnapshotFixture.CLUSTER), ledger, target -> {
        probed.add(target);
        return new ProbeRun(new ProbeOutcome.SentinelRead("ecs-execute-command-" + probed.size(), Duration.ofMillis(900)),
                new ProbeRun.Termination.Terminated("ecs-execute-command-" + probed.size()));
    }, CLOCK);

    private TaskSnapshot attach(TaskSnapshot snapshot) {
        return stage.attach(snapshot, engine.evaluate(snapshot));
    }

    private static CheckResult probeResult(TaskReport report) {
        return report.results().stream().filter(r -> r.checkId().equals(ExecSessionProbeCheck.DEFINITION.id())).findFirst().orElseThrow();
    }

    @Test
    void probesAReadyTaskOnceAndReportsTheSameOutcomeUntilItsVerdictsChange() {
        TaskSnapshot ready = TaskSnapshotFixture.fullyConfiguredFargateTask().build();
        assertThat(engine.evaluate(ready).results()).as("the fixture is otherwise ready")
                .noneMatch(r -> r.status() == CheckStatus.FAIL || r.status() == CheckStatus.UNKNOWN);

        TaskSnapshot first = attach(ready);
        TaskSnapshot second = attach(ready);

        assertThat(first.execProbe()).isEqualTo(new ExecProbe.Probed(
                new ProbeOutcome.SentinelRead("ecs-execute-command-1", Duration.ofMillis(900))));
        assertThat(second.execProbe()).isEqualTo(first.execProbe());
        assertThat(probed).containsExactly(new ProbeTarget(TaskSnapshotFixture.CLUSTER_ARN, TaskSnapshotFixture.TASK_ARN, "app",
                ready.task().containers().getFirst().runtimeId()));
        assertThat(probed.getFirst().targetId()).startsWith("ecs:prod_" + TaskSnapshotFixture.TASK_ID + "_" + TaskSnapshotFixture.TASK_ID + "-");
        assertThat(probeResult(engine.evaluate(first)).status()).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void probesAgainWhenAnotherVerdictChangedButNotForANewTaskWithTheSameVerdicts() {
        attach(TaskSnapshotFixture.fullyConfiguredFargateTask().build());
        attach(TaskSnapshotFixture.fullyConfiguredFargateTask().withTaskId("9a9a9a9a9a9a4d1e9c3b6a5f8e7d6c5b").build());
        assertThat(probed).as("another task of the subject, same verdicts").hasSize(1);

        TaskSnapshot warned = TaskSnapshotFixture.fullyConfiguredFargateTask().withPidMode("task").build();
        assertThat(engine.evaluate(warned).results()).anyMatch(r -> r.status() == CheckStatus.WARN);
        attach(warned);

        assertThat(probed).as("pid-mode now warns: a change").hasSize(2);
    }

    @Test
    void leavesATaskThatIsNotOtherwiseReadyUnprobed() {
        TaskSnapshot notReady = TaskSnapshotFixture.runningFargateTask().withExecEnabled(false).build();

        TaskSnapshot attached = attach(notReady);

        assertThat(attached.execProbe()).isInstanceOfSatisfying(ExecProbe.NotProbed.class,
                notProbed -> assertThat(notProbed.reason()).startsWith("the task is not otherwise ready (").contains("exec-enabled"));
        assertThat(probed).isEmpty();
        assertThat(probeResult(engine.evaluate(attached)).status()).isEqualTo(CheckStatus.NOT_APPLICABLE);
    }

    @Test
    void recallingOpensNoSessionButReportsAProbeAlreadyRunForTheSameVerdicts() {
        TaskSnapshot ready = TaskSnapshotFixture.fullyConfiguredFargateTask().build();

        TaskSnapshot before = stage.recall(ready, engine.evaluate(ready));
        attach(ready);
        TaskSnapshot after = stage.recall(ready, engine.evaluate(ready));

        assertThat(before.execProbe()).isInstanceOf(ExecProbe.NotProbed.class);
        assertThat(after.execProbe()).isInstanceOf(ExecProbe.Probed.class);
        assertThat(probed).hasSize(1);
    }

    @Test
    void leavesOtherClustersAlone() {
        ExecProbeStage elsewhere = new ExecProbeStage(Set.of("staging"), ledger, target -> {
            throw new AssertionError("no probe outside the chosen clusters");
        }, CLOCK);
        TaskSnapshot ready = TaskSnapshotFixture.fullyConfiguredFargateTask().build();

        TaskSnapshot attached = elsewhere.attach(ready, engine.evaluate(ready));

        assertThat(attached.execProbe()).isEqualTo(new ExecProbe.Off(TaskSnapshotFixture.CLUSTER));
        assertThat(ledger.claims()).isZero();
    }
}
