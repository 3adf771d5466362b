package io.execready.checks.task;

import static io.execready.fixtures.CheckResultAssertions.assertResult;
import static io.execready.fixtures.TaskSnapshotFixture.TASK_ID;
import static org.assertj.core.api.Assertions.assertThat;

import io.execready.engine.CheckResult;
import io.execready.engine.CheckStatus;
import io.execready.engine.Severity;
import io.execready.fixtures.ReadFailures;
import io.execready.fixtures.TaskSnapshotFixture;
import org.junit.jupiter.api.Test;

class ExecEnabledCheckTest {

    private final ExecEnabledCheck check = new ExecEnabledCheck();

    @Test
    void evaluate_whenTaskFlagOn_passes() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask().build());

        assertResult(result, ExecEnabledCheck.DEFINITION, CheckStatus.PASS, Severity.INFORMATIONAL, TASK_ID);
    }

    @Test
    void evaluate_whenServiceFlagOnButTaskPredatesIt_failsWithNewDeployment() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask()
                .withExecEnabled(false)
                .withServiceExecEnabled(true)
                .build());

        assertResult(result, ExecEnabledCheck.DEFINITION, CheckStatus.FAIL, Severity.HIGH, TASK_ID, "payments-api", "started before");
        assertThat(result.remediation())
                .isEqualTo("Replace the service's tasks with a new deployment: "
                        + "aws ecs update-service --cluster prod --service payments-api --force-new-deployment.");
        assertThat(result.evidence()).containsEntry("serviceEnableExecuteCommand", "true");
    }

    @Test
    void evaluate_whenServiceFlagOffToo_failsWithEnableAndRedeploy() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask()
                .withExecEnabled(false)
                .withServiceExecEnabled(false)
                .build());

        assertResult(result, ExecEnabledCheck.DEFINITION, CheckStatus.FAIL, Severity.HIGH, TASK_ID, "payments-api");
        assertThat(result.remediation())
                .contains("aws ecs update-service --cluster prod --service payments-api --enable-execute-command --force-new-deployment");
    }

    @Test
    void evaluate_whenStandaloneTaskFlagOff_failsWithRunTask() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.standaloneFargateTask().withExecEnabled(false).build());

        assertResult(result, ExecEnabledCheck.DEFINITION, CheckStatus.FAIL, Severity.HIGH, TASK_ID);
        assertThat(result.remediation())
                .contains("aws ecs run-task --cluster prod --task-definition payments-api:7 --enable-execute-command");
    }

    @Test
    void evaluate_whenServiceUnreadable_stillFailsOnTheTaskFlagAndKeepsTheReadFailureAsEvidence() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask()
                .withExecEnabled(false)
                .withOwningServiceFailed(ReadFailures.denied("ecs:DescribeServices", "AccessDeniedException"))
                .build());

        assertResult(result, ExecEnabledCheck.DEFINITION, CheckStatus.FAIL, Severity.HIGH, TASK_ID);
        assertThat(result.remediation()).contains("--enable-execute-command --force-new-deployment");
        assertThat(result.evidence().get("serviceEnableExecuteCommand")).contains("AccessDeniedException");
    }

    @Test
    void evaluate_whenTaskFlagUnreported_isUnknown() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask().withExecEnabled(null).build());

        assertResult(result, ExecEnabledCheck.DEFINITION, CheckStatus.UNKNOWN, Severity.INFORMATIONAL, TASK_ID, "enableExecuteCommand");
        assertThat(result.remediation()).contains("ecs:DescribeTasks");
    }
}
