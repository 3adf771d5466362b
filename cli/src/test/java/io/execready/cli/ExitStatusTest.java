package io.execready.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.execready.checks.container.PidModeCheck;
import io.execready.checks.task.ExecEnabledCheck;
import io.execready.cli.CheckOptions.Target;
import io.execready.engine.CheckResult;
import io.execready.engine.CheckStatus;
import io.execready.engine.TaskReport;
import io.execready.fixtures.ReadFailures;
import io.execready.fixtures.TaskSnapshotFixture;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExitStatusTest {

    private static final Target ONE = new Target.OneTask(TaskSnapshotFixture.TASK_ID);

    private static ExitStatus of(List<io.execready.engine.CheckResult> machine, List<TaskReport> reports, List<String> notEvaluated) {
        return ExitStatus.of(Outcomes.checked(ONE, machine, reports, notEvaluated));
    }

    @Test
    void readyTaskOnACurrentMachine_exits0() {
        TaskReport ready = Outcomes.readyReport();

        assertThat(ready.results()).noneMatch(r -> r.status() == CheckStatus.FAIL || r.status() == CheckStatus.UNKNOWN);
        assertThat(of(Outcomes.currentMachine(), List.of(ready), List.of())).isEqualTo(ExitStatus.READY);
        assertThat(ExitStatus.READY.code()).isZero();
    }

    @Test
    void failingTaskCheck_exits1() {
        TaskReport notReady = Outcomes.report(TaskSnapshotFixture.fullyConfiguredFargateTask().withExecEnabled(false));

        assertThat(notReady.failures()).extracting(CheckResult::checkId).contains(ExecEnabledCheck.DEFINITION.id());
        assertThat(of(Outcomes.currentMachine(), List.of(Outcomes.readyReport(), notReady), List.of())).isEqualTo(ExitStatus.NOT_READY);
        assertThat(ExitStatus.NOT_READY.code()).isEqualTo(1);
    }

    @Test
    void missingSessionManagerPlugin_exits1EvenWhenEveryTaskIsReady() {
        assertThat(of(Outcomes.machineWithoutPlugin(), List.of(Outcomes.readyReport()), List.of())).isEqualTo(ExitStatus.NOT_READY);
    }

    @Test
    void failAndUnknownTogether_exits1() {
        TaskReport failing = Outcomes.report(TaskSnapshotFixture.fullyConfiguredFargateTask().withExecEnabled(false)
                .withSsmSimulationFailed(ReadFailures.denied("iam:SimulatePrincipalPolicy")));

        assertThat(failing.withStatus(CheckStatus.UNKNOWN)).isNotEmpty();
        assertThat(of(Outcomes.currentMachine(), List.of(failing), List.of())).isEqualTo(ExitStatus.NOT_READY);
    }

    @Test
    void unknownOnADecidingCheckWithoutFail_exits2() {
        TaskReport unknown = Outcomes.report(TaskSnapshotFixture.fullyConfiguredFargateTask()
                .withSsmSimulationFailed(ReadFailures.denied("iam:SimulatePrincipalPolicy")));

        assertThat(unknown.failures()).isEmpty();
        assertThat(unknown.withStatus(CheckStatus.UNKNOWN)).extracting(CheckResult::checkId).contains("task-role-ssmmessages");
        assertThat(of(Outcomes.currentMachine(), List.of(unknown), List.of())).isEqualTo(ExitStatus.UNDETERMINED);
        assertThat(ExitStatus.UNDETERMINED.code()).isEqualTo(2);
    }

    @Test
    void unknownOnlyOnAnAdvisoryCheck_leavesReadinessDecided() {
        TaskReport ready = Outcomes.readyReport();
        List<CheckResult> results = new ArrayList<>();
        for (CheckResult result : ready.results()) {
            results.add(result.checkId().equals(PidModeCheck.DEFINITION.id())
                    ? PidModeCheck.DEFINITION.unknown("Could not read the task definition.", "Evaluate again.")
                    : result);
        }

        assertThat(of(Outcomes.currentMachine(), List.of(Outcomes.withResults(ready, results)), List.of())).isEqualTo(ExitStatus.READY);
    }

    @Test
    void taskNotEvaluated_exits2() {
        assertThat(of(Outcomes.currentMachine(), List.of(Outcomes.readyReport()), List.of("task abc not found in cluster prod")))
                .isEqualTo(ExitStatus.UNDETERMINED);
    }

    @Test
    void credentialsThatDoNotWork_exit2() {
        assertThat(ExitStatus.of(new CheckOutcome.NotStarted(Outcomes.options(ONE), "your AWS credentials could not be used")))
                .isEqualTo(ExitStatus.UNDETERMINED);
    }

    @Test
    void unknownOfEachTerminalCheck_isUndeterminedExactlyWhenTheCheckCanFail() {
        TaskReport ready = Outcomes.readyReport();
        List<io.execready.engine.Check> checks = TerminalChecks.taskChecks(io.execready.snapshot.Fetched.present(Outcomes.CALLER));
        for (io.execready.engine.Check check : checks) {
            List<CheckResult> results = new ArrayList<>();
            for (CheckResult result : ready.results()) {
                results.add(result.checkId().equals(check.id()) ? check.definition().unknown("Could not read it.", "Evaluate again.") : result);
            }

            assertThat(of(Outcomes.currentMachine(), List.of(Outcomes.withResults(ready, results)), List.of())).as(check.id())
                    .isEqualTo(check.definition().decidesReadiness() ? ExitStatus.UNDETERMINED : ExitStatus.READY);
        }
        assertThat(checks).as("both kinds are in the terminal's catalog")
                .anyMatch(check -> check.definition().decidesReadiness())
                .anyMatch(check -> !check.definition().decidesReadiness());
    }

    @Test
    void unknownOfAMachineCheck_isUndetermined() {
        List<CheckResult> machine = new ArrayList<>(Outcomes.currentMachine());
        machine.set(0, io.execready.cli.machine.SessionManagerPluginCheck.DEFINITION.unknown("Could not run it.", "Run it again."));

        assertThat(of(machine, List.of(Outcomes.readyReport()), List.of())).isEqualTo(ExitStatus.UNDETERMINED);
    }
}
