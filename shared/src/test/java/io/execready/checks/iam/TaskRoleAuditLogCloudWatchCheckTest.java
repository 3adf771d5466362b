package io.execready.checks.iam;

import static io.execready.fixtures.CheckResultAssertions.assertResult;
import static io.execready.fixtures.TaskSnapshotFixture.AUDIT_BUCKET;
import static io.execready.fixtures.TaskSnapshotFixture.AUDIT_LOG_GROUP;
import static io.execready.fixtures.TaskSnapshotFixture.TASK_ID;
import static io.execready.fixtures.TaskSnapshotFixture.TASK_ROLE_ARN;
import static org.assertj.core.api.Assertions.assertThat;

import io.execready.engine.CheckResult;
import io.execready.engine.CheckStatus;
import io.execready.engine.Severity;
import io.execready.fixtures.ReadFailures;
import io.execready.fixtures.TaskSnapshotFixture;
import io.execready.snapshot.ExecLogging;
import io.execready.snapshot.PolicyDecision;
import org.junit.jupiter.api.Test;

class TaskRoleAuditLogCloudWatchCheckTest {

    private static final String STREAMS = "arn:aws:logs:eu-west-1:123456789012:log-group:" + AUDIT_LOG_GROUP + ":*";

    private final TaskRoleAuditLogCloudWatchCheck check = new TaskRoleAuditLogCloudWatchCheck();

    @Test
    void evaluate_whenRoleMayWriteTheGroup_passes() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.fullyConfiguredFargateTask().build());

        assertResult(result, TaskRoleAuditLogCloudWatchCheck.DEFINITION, CheckStatus.PASS, Severity.INFORMATIONAL,
                TASK_ROLE_ARN, AUDIT_LOG_GROUP, "logs:DescribeLogGroups, logs:CreateLogStream, logs:DescribeLogStreams and logs:PutLogEvents");
        assertThat(result.evidence()).containsEntry("logGroupName", AUDIT_LOG_GROUP);
    }

    @Test
    void evaluate_whenPutLogEventsDenied_failsNamingTheGroupsStreams() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.fullyConfiguredFargateTask()
                .withTaskRoleDecision("logs:PutLogEvents", PolicyDecision.IMPLICIT_DENY, (String) null)
                .build());

        assertResult(result, TaskRoleAuditLogCloudWatchCheck.DEFINITION, CheckStatus.FAIL, Severity.HIGH,
                "logs:PutLogEvents on " + STREAMS + " is implicitly denied", AUDIT_LOG_GROUP);
        assertThat(result.message()).doesNotContain("logs:CreateLogStream on");
        assertThat(result.remediation())
                .contains("--policy-name ecs-exec-audit-log-cloudwatch")
                .contains("{\"Effect\":\"Allow\",\"Action\":[\"logs:DescribeLogGroups\"],\"Resource\":\"*\"}")
                .contains("{\"Effect\":\"Allow\",\"Action\":[\"logs:CreateLogStream\",\"logs:DescribeLogStreams\",\"logs:PutLogEvents\"],\"Resource\":\""
                        + STREAMS + "\"}");
    }

    @Test
    void evaluate_whenAnScpDeniesDescribeLogGroups_failsNamingTheScp() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.fullyConfiguredFargateTask()
                .withTaskRoleDecision("logs:DescribeLogGroups", PolicyDecision.EXPLICIT_DENY, "a service control policy (SCP)")
                .build());

        assertResult(result, TaskRoleAuditLogCloudWatchCheck.DEFINITION, CheckStatus.FAIL, Severity.HIGH,
                "logs:DescribeLogGroups on * is explicitly denied by a service control policy (SCP)");
        assertThat(result.remediation()).startsWith("Remove the statement that explicitly denies logs:DescribeLogGroups on *");
    }

    @Test
    void evaluate_whenSessionsAreNotLoggedToCloudWatch_isNotApplicable() {
        CheckResult defaultMode = check.evaluate(TaskSnapshotFixture.runningFargateTask().build());
        CheckResult bucketOnly = check.evaluate(TaskSnapshotFixture.fullyConfiguredFargateTask()
                .withClusterLogging(new ExecLogging("OVERRIDE", null, false, AUDIT_BUCKET, null, false))
                .build());

        assertResult(defaultMode, TaskRoleAuditLogCloudWatchCheck.DEFINITION, CheckStatus.NOT_APPLICABLE, Severity.INFORMATIONAL, "Cluster prod", TASK_ID);
        assertResult(bucketOnly, TaskRoleAuditLogCloudWatchCheck.DEFINITION, CheckStatus.NOT_APPLICABLE, Severity.INFORMATIONAL, "Cluster prod");
    }

    @Test
    void evaluate_whenTaskHasNoRole_isNotApplicable() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.fullyConfiguredFargateTask().withoutTaskRole().build());

        assertResult(result, TaskRoleAuditLogCloudWatchCheck.DEFINITION, CheckStatus.NOT_APPLICABLE, Severity.INFORMATIONAL, "task-role-present");
    }

    @Test
    void evaluate_whenSimulationThrottled_isUnknownNamingTheFailure() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.fullyConfiguredFargateTask()
                .withTaskRoleAccessFailed(ReadFailures.throttled("iam:SimulatePrincipalPolicy"))
                .build());

        assertResult(result, TaskRoleAuditLogCloudWatchCheck.DEFINITION, CheckStatus.UNKNOWN, Severity.INFORMATIONAL,
                "the task role's CloudWatch Logs permissions", "iam:SimulatePrincipalPolicy was throttled");
    }

    @Test
    void evaluate_whenClusterUnreadable_isUnknown() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.fullyConfiguredFargateTask()
                .withClusterFailed(ReadFailures.denied("ecs:DescribeClusters", "AccessDeniedException"))
                .build());

        assertResult(result, TaskRoleAuditLogCloudWatchCheck.DEFINITION, CheckStatus.UNKNOWN, Severity.INFORMATIONAL, "ecs:DescribeClusters was denied");
    }
}
