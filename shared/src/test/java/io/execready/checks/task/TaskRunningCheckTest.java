package io.execready.checks.task;

import static io.execready.fixtures.CheckResultAssertions.assertResult;
import static io.execready.fixtures.TaskSnapshotFixture.CLUSTER;
import static io.execready.fixtures.TaskSnapshotFixture.TASK_ID;
import static org.assertj.core.api.Assertions.assertThat;

import io.execready.engine.CheckResult;
import io.execready.engine.CheckStatus;
import io.execready.engine.Severity;
import io.execready.fixtures.TaskSnapshotFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TaskRunningCheckTest {

    private final TaskRunningCheck check = new TaskRunningCheck();

    @Test
    void evaluate_whenRunning_passes() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask().build());

        assertResult(result, TaskRunningCheck.DEFINITION, CheckStatus.PASS, Severity.INFORMATIONAL, TASK_ID, CLUSTER, "RUNNING");
        assertThat(result.evidence()).containsEntry("lastStatus", "RUNNING");
    }

    @ParameterizedTest
    @ValueSource(strings = {"PROVISIONING", "PENDING", "ACTIVATING"})
    void evaluate_whenStarting_warnsToWait(String status) {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask().withLastStatus(status).build());

        assertResult(result, TaskRunningCheck.DEFINITION, CheckStatus.WARN, Severity.LOW, TASK_ID, status);
        assertThat(result.remediation()).contains("aws ecs wait tasks-running --cluster prod --tasks " + TASK_ID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"DEACTIVATING", "STOPPING", "DEPROVISIONING", "STOPPED"})
    void evaluate_whenEnding_fails(String status) {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask().withLastStatus(status).build());

        assertResult(result, TaskRunningCheck.DEFINITION, CheckStatus.FAIL, Severity.HIGH, TASK_ID, status);
    }

    @Test
    void evaluate_whenServiceTaskStopped_namesTheReasonAndPointsAtARunningTask() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask()
                .withLastStatus("STOPPED")
                .withDesiredStatus("STOPPED")
                .withStoppedReason("Essential container in task exited.")
                .build());

        assertResult(result, TaskRunningCheck.DEFINITION, CheckStatus.FAIL, Severity.HIGH,
                TASK_ID, "stopped reason: Essential container in task exited");
        assertThat(result.remediation())
                .contains("aws ecs list-tasks --cluster prod --service-name payments-api --desired-status RUNNING");
        assertThat(result.evidence()).containsEntry("desiredStatus", "STOPPED");
    }

    @Test
    void evaluate_whenStandaloneTaskStopped_suggestsRunningANewOne() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.standaloneFargateTask().withLastStatus("STOPPED").build());

        assertResult(result, TaskRunningCheck.DEFINITION, CheckStatus.FAIL, Severity.HIGH, TASK_ID);
        assertThat(result.remediation())
                .contains("aws ecs run-task --cluster prod --task-definition payments-api:7 --enable-execute-command");
    }

    @Test
    void evaluate_whenStatusMissing_isUnknown() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask().withLastStatus(null).build());

        assertResult(result, TaskRunningCheck.DEFINITION, CheckStatus.UNKNOWN, Severity.INFORMATIONAL, TASK_ID, "no lastStatus");
        assertThat(result.remediation()).contains("ecs:DescribeTasks");
    }

    @Test
    void evaluate_whenStatusUnrecognised_isUnknown() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask().withLastStatus("HIBERNATING").build());

        assertResult(result, TaskRunningCheck.DEFINITION, CheckStatus.UNKNOWN, Severity.INFORMATIONAL, TASK_ID, "HIBERNATING");
    }
}
