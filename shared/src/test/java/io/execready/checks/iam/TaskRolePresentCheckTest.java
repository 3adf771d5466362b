package io.execready.checks.iam;

import static io.execready.fixtures.CheckResultAssertions.assertResult;
import static io.execready.fixtures.TaskSnapshotFixture.TASK_ID;
import static io.execready.fixtures.TaskSnapshotFixture.TASK_ROLE_ARN;
import static org.assertj.core.api.Assertions.assertThat;

import io.execready.engine.CheckResult;
import io.execready.engine.CheckStatus;
import io.execready.engine.Severity;
import io.execready.fixtures.ReadFailures;
import io.execready.fixtures.TaskSnapshotFixture;
import org.junit.jupiter.api.Test;

class TaskRolePresentCheckTest {

    private final TaskRolePresentCheck check = new TaskRolePresentCheck();

    @Test
    void evaluate_whenTaskDefinitionNamesARole_passesNamingRoleAndSource() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask().build());

        assertResult(result, TaskRolePresentCheck.DEFINITION, CheckStatus.PASS, Severity.INFORMATIONAL,
                TASK_ID, TASK_ROLE_ARN, "taskRoleArn of task definition payments-api:7");
        assertThat(result.evidence()).containsEntry("roleSource", "TASK_DEFINITION");
    }

    @Test
    void evaluate_whenLaunchOverrideNamesARole_passesNamingTheOverride() {
        String overrideRole = "arn:aws:iam::123456789012:role/debug-session";
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask().withTaskRoleOverride(overrideRole).build());

        assertResult(result, TaskRolePresentCheck.DEFINITION, CheckStatus.PASS, Severity.INFORMATIONAL, overrideRole, "override");
    }

    @Test
    void evaluate_whenEc2TaskFallsBackToInstanceProfile_passesNamingIt() {
        String instanceRole = "arn:aws:iam::123456789012:role/ecsInstanceRole";
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningEc2Task().withInstanceProfileRole(instanceRole).build());

        assertResult(result, TaskRolePresentCheck.DEFINITION, CheckStatus.PASS, Severity.INFORMATIONAL, instanceRole, "instance profile");
    }

    @Test
    void evaluate_whenNoRole_failsWithTaskDefinitionChange() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask().withoutTaskRole().build());

        assertResult(result, TaskRolePresentCheck.DEFINITION, CheckStatus.FAIL, Severity.HIGH, TASK_ID, "no task role");
        assertThat(result.remediation())
                .contains("\"taskRoleArn\" in task definition payments-api:7")
                .contains("--task-role-arn arn:aws:iam::123456789012:role/ROLE_NAME");
    }

    @Test
    void evaluate_whenRoleUnreadable_isUnknownNamingThePermission() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningEc2Task()
                .withTaskRoleFailed(ReadFailures.denied("ecs:DescribeContainerInstances", "AccessDeniedException"))
                .build());

        assertResult(result, TaskRolePresentCheck.DEFINITION, CheckStatus.UNKNOWN, Severity.INFORMATIONAL,
                TASK_ID, "ecs:DescribeContainerInstances was denied (AccessDeniedException");
        assertThat(result.remediation()).startsWith("Grant the ExecReady checker's role ecs:DescribeContainerInstances,");
    }

    @Test
    void evaluate_whenRoleReadTimedOut_saysSoWithoutAskingForAPermission() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningEc2Task()
                .withTaskRoleFailed(ReadFailures.timedOut("iam:GetInstanceProfile"))
                .build());

        assertResult(result, TaskRolePresentCheck.DEFINITION, CheckStatus.UNKNOWN, Severity.INFORMATIONAL, "iam:GetInstanceProfile timed out");
        assertThat(result.remediation()).contains("timed out", "next evaluation retries").doesNotContainIgnoringCase("grant");
        assertThat(result.evidence()).containsEntry("failureKind", "TIMED_OUT").containsEntry("failedAction", "iam:GetInstanceProfile");
    }
}
