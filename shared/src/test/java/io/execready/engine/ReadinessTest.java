package io.execready.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.execready.checks.CheckRegistry;
import io.execready.checks.container.PidModeCheck;
import io.execready.fixtures.ReadFailures;
import io.execready.fixtures.TaskSnapshotFixture;
import io.execready.snapshot.ReadFailure;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadinessTest {

    private final CheckEngine engine = new CheckEngine(CheckRegistry.all(), Clock.fixed(Instant.parse("2026-12-03T12:00:00Z"), ZoneOffset.UTC));

    @Test
    void of_aFailOutweighsAnUnknown_andAnUnknownOfADecidingCheckLeavesItUndetermined() {
        CheckResult fail = io.execready.checks.task.ExecEnabledCheck.DEFINITION.fail("Off.", "Turn it on.");
        CheckResult unknown = io.execready.checks.task.ExecEnabledCheck.DEFINITION.unknown("Unread.", "Read it.");

        assertThat(Readiness.of(List.of(fail, unknown))).isEqualTo(Readiness.NOT_READY);
        assertThat(Readiness.of(List.of(unknown))).isEqualTo(Readiness.UNDETERMINED);
        assertThat(Readiness.of(List.of())).isEqualTo(Readiness.READY);
    }

    @Test
    void of_anUnknownOfACheckThatOnlyRecommends_leavesReadinessDecided() {
        CheckResult advisory = PidModeCheck.DEFINITION.unknown("Could not read the task definition.", "Read it.");

        assertThat(PidModeCheck.DEFINITION.decidesReadiness()).isFalse();
        assertThat(Readiness.of(List.of(advisory))).isEqualTo(Readiness.READY);
    }

    @Test
    void and_theLeastReadyWins() {
        assertThat(Readiness.READY.and(Readiness.UNDETERMINED)).isEqualTo(Readiness.UNDETERMINED);
        assertThat(Readiness.UNDETERMINED.and(Readiness.NOT_READY)).isEqualTo(Readiness.NOT_READY);
        assertThat(Readiness.NOT_READY.and(Readiness.READY)).isEqualTo(Readiness.NOT_READY);
    }

    @Test
    void momentaryReadFailures_listThrottledReadsBehindAnUndeterminedVerdict_notDenials() {
        ReadFailure throttled = ReadFailures.throttled("ec2:DescribeSubnets");
        TaskReport undetermined = engine.evaluate(TaskSnapshotFixture.runningFargateTask().withNetworkPathFailed(throttled).build());
        TaskReport denied = engine.evaluate(TaskSnapshotFixture.runningFargateTask()
                .withNetworkPathFailed(ReadFailures.denied("ec2:DescribeSubnets", "UnauthorizedOperation")).build());
        TaskReport notReady = engine.evaluate(TaskSnapshotFixture.runningFargateTask().withExecEnabled(false)
                .withNetworkPathFailed(throttled).build());

        assertThat(undetermined.readiness()).isEqualTo(Readiness.UNDETERMINED);
        assertThat(undetermined.momentaryReadFailures()).containsExactly(throttled);
        assertThat(denied.readiness()).isEqualTo(Readiness.UNDETERMINED);
        assertThat(denied.momentaryReadFailures()).as("a retry cannot grant a permission").isEmpty();
        assertThat(notReady.momentaryReadFailures()).as("a decided verdict needs no retry").isEmpty();
    }
}
