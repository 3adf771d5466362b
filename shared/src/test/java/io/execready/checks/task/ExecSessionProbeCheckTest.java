package io.execready.checks.task;

import static io.execready.fixtures.CheckResultAssertions.assertResult;
import static io.execready.fixtures.TaskSnapshotFixture.TASK_ID;
import static org.assertj.core.api.Assertions.assertThat;

import io.execready.engine.CheckResult;
import io.execready.engine.CheckStatus;
import io.execready.engine.Severity;
import io.execready.fixtures.TaskSnapshotFixture;
import io.execready.probe.ProbeOutcome;
import io.execready.probe.ProbePhase;
import io.execready.snapshot.ExecProbe;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ExecSessionProbeCheckTest {

    private final ExecSessionProbeCheck check = new ExecSessionProbeCheck();

    @Test
    void evaluate_whenProbingIsOff_isNotApplicable() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask().build());

        assertResult(result, ExecSessionProbeCheck.DEFINITION, CheckStatus.NOT_APPLICABLE, Severity.INFORMATIONAL, TASK_ID,
                "Session probing is off for cluster prod");
    }

    @Test
    void evaluate_whenTheTaskIsNotOtherwiseReady_isNotApplicableAndSaysWhy() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask().build()
                .withExecProbe(new ExecProbe.NotProbed("the task is not otherwise ready (exec-enabled does not pass)")));

        assertThat(result.status()).isEqualTo(CheckStatus.NOT_APPLICABLE);
        assertThat(result.message()).endsWith(": the task is not otherwise ready (exec-enabled does not pass).");
    }

    @Test
    void evaluate_whenTheSentinelCameBack_passesWithTheTime() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask().build()
                .withExecProbe(new ExecProbe.Probed(new ProbeOutcome.SentinelRead("ecs-execute-command-1", Duration.ofMillis(1834)))));

        assertResult(result, ExecSessionProbeCheck.DEFINITION, CheckStatus.PASS, Severity.INFORMATIONAL, TASK_ID,
                "returned its output 1834 ms after the probe started");
        assertThat(result.evidence()).containsEntry("timeToSentinelMillis", "1834").containsEntry("sessionId", "ecs-execute-command-1");
    }

    @Test
    void evaluate_whenTheProbeFailed_failsWithThePhaseAndTheExactError() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask().build()
                .withExecProbe(new ExecProbe.Probed(new ProbeOutcome.Failed("ecs-execute-command-2", ProbePhase.HANDSHAKE,
                        "the agent did not acknowledge input message 0 (HANDSHAKE_RESPONSE) after 3 resends"))));

        assertResult(result, ExecSessionProbeCheck.DEFINITION, CheckStatus.FAIL, Severity.HIGH, TASK_ID,
                "failed in phase HANDSHAKE: the agent did not acknowledge input message 0 (HANDSHAKE_RESPONSE) after 3 resends.");
        assertThat(result.evidence()).containsEntry("phase", "HANDSHAKE");
        assertThat(result.remediation()).contains("ssmmessages");
    }
}
