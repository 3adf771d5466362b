package io.execready.cli.caller;

import static org.assertj.core.api.Assertions.assertThat;

import io.execready.engine.CheckResult;
import io.execready.engine.CheckStatus;
import io.execready.fixtures.ReadFailures;
import io.execready.fixtures.TaskSnapshotFixture;
import io.execready.snapshot.Fetched;
import io.execready.snapshot.PolicyDecision;
import org.junit.jupiter.api.Test;

class CallerCanExecuteCheckTest {

    private static final String CALLER = "arn:aws:iam::123456789012:role/team/ecs-operator";

    private static CheckResult evaluate(Fetched<String> caller, TaskSnapshotFixture task) {
        return new CallerCanExecuteCheck(caller).evaluate(task.withOperators(CALLER).build());
    }

    @Test
    void evaluate_whenTheCallerIsAllowed_passesNamingThem() {
        CheckResult result = evaluate(Fetched.present(CALLER), TaskSnapshotFixture.runningFargateTask());

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.message()).startsWith("You (" + CALLER + ") may run aws ecs execute-command on task ");
    }

    @Test
    void evaluate_whenExecuteCommandIsDenied_failsWithTheGrant() {
        CheckResult result = evaluate(Fetched.present(CALLER), TaskSnapshotFixture.runningFargateTask()
                .withOperatorDecision(CALLER, "ecs:ExecuteCommand", PolicyDecision.EXPLICIT_DENY, "an SCP"));

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.message()).contains("You (" + CALLER + ") cannot run aws ecs execute-command", "ecs:ExecuteCommand");
        assertThat(result.evidence()).containsEntry(CALLER, "DENIED");
    }

    @Test
    void evaluate_whenTheSimulationFailed_isUnknown() {
        CheckResult result = evaluate(Fetched.present(CALLER), TaskSnapshotFixture.runningFargateTask()
                .withOperatorFailed(CALLER, ReadFailures.denied("iam:SimulatePrincipalPolicy")));

        assertThat(result.status()).isEqualTo(CheckStatus.UNKNOWN);
        assertThat(result.message()).contains("iam:SimulatePrincipalPolicy was denied");
    }

    @Test
    void evaluate_whenWhoTheCallerIsCouldNotBeRead_isUnknown() {
        CheckResult result = evaluate(Fetched.failed(ReadFailures.denied("iam:GetRole")), TaskSnapshotFixture.runningFargateTask());

        assertThat(result.status()).isEqualTo(CheckStatus.UNKNOWN);
        assertThat(result.message()).contains("reading who you are failed: iam:GetRole was denied");
    }

    @Test
    void evaluate_whenTheCallerCannotBeSimulated_isUnknownSayingWhy() {
        CheckResult result = evaluate(Fetched.absent("you are arn:aws:iam::123456789012:root: it is the account's root user"),
                TaskSnapshotFixture.runningFargateTask());

        assertThat(result.status()).isEqualTo(CheckStatus.UNKNOWN);
        assertThat(result.message()).contains("account's root user");
        assertThat(result.remediation()).contains("--profile");
    }
}
