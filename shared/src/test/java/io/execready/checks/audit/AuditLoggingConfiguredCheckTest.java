package io.execready.checks.audit;

import static io.execready.fixtures.CheckResultAssertions.assertResult;
import static io.execready.fixtures.ContainerFixture.container;
import static io.execready.fixtures.TaskSnapshotFixture.TASK_ID;
import static org.assertj.core.api.Assertions.assertThat;

import io.execready.engine.CheckResult;
import io.execready.engine.CheckStatus;
import io.execready.engine.Severity;
import io.execready.fixtures.ReadFailures;
import io.execready.fixtures.TaskSnapshotFixture;
import io.execready.snapshot.ExecLogging;
import org.junit.jupiter.api.Test;

class AuditLoggingConfiguredCheckTest {

    private final AuditLoggingConfiguredCheck check = new AuditLoggingConfiguredCheck();

    @Test
    void evaluate_whenDefaultAndAContainerUsesAwslogs_passes() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask()
                .withContainer(container("worker").withLogDriver("fluentd"))
                .build());

        assertResult(result, AuditLoggingConfiguredCheck.DEFINITION, CheckStatus.PASS, Severity.INFORMATIONAL,
                "Cluster prod", "DEFAULT", "container app", "sessions in container worker are not saved");
        assertThat(result.evidence()).containsEntry("loggingMode", "DEFAULT");
    }

    @Test
    void evaluate_whenOverrideNamesADestination_passes() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask()
                .withClusterLogging(new ExecLogging("OVERRIDE", "/ecs/exec-audit", true, "audit-bucket", "exec/", true))
                .build());

        assertResult(result, AuditLoggingConfiguredCheck.DEFINITION, CheckStatus.PASS, Severity.INFORMATIONAL,
                "CloudWatch Logs group /ecs/exec-audit and S3 bucket audit-bucket", TASK_ID);
    }

    @Test
    void evaluate_whenLoggingNone_warns() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask().withClusterLoggingMode("NONE").build());

        assertResult(result, AuditLoggingConfiguredCheck.DEFINITION, CheckStatus.WARN, Severity.MEDIUM, "Cluster prod", "NONE", TASK_ID);
        assertThat(result.remediation()).contains(
                "aws ecs update-cluster --cluster prod --configuration "
                        + "'executeCommandConfiguration={logging=OVERRIDE,logConfiguration={cloudWatchLogGroupName=/aws/ecs/exec/prod}}'");
    }

    @Test
    void evaluate_whenLoggingModeMissing_warnsThatSessionsFallBackToDefault() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask().withClusterLoggingMode(null).build());

        assertResult(result, AuditLoggingConfiguredCheck.DEFINITION, CheckStatus.WARN, Severity.MEDIUM,
                "sets no ECS Exec logging mode", "awslogs driver of container app");
    }

    @Test
    void evaluate_whenLoggingModeMissingAndNoAwslogs_warnsThatNothingIsSaved() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask()
                .withClusterLoggingMode(null)
                .withContainer(container("app").withLogDriver(null))
                .build());

        assertResult(result, AuditLoggingConfiguredCheck.DEFINITION, CheckStatus.WARN, Severity.MEDIUM, "saves nothing", TASK_ID);
    }

    @Test
    void evaluate_whenDefaultWithoutAwslogs_warnsThatNothingIsSaved() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask()
                .withContainer(container("app").withLogDriver("awsfirelens"))
                .build());

        assertResult(result, AuditLoggingConfiguredCheck.DEFINITION, CheckStatus.WARN, Severity.MEDIUM,
                "DEFAULT", "payments-api:7", "nothing is saved");
    }

    @Test
    void evaluate_whenOverrideNamesNoDestination_warns() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask().withClusterLoggingMode("OVERRIDE").build());

        assertResult(result, AuditLoggingConfiguredCheck.DEFINITION, CheckStatus.WARN, Severity.MEDIUM, "neither a log group nor a bucket");
    }

    @Test
    void evaluate_whenClusterHasAKmsKey_theRemediationKeepsIt() {
        String key = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask()
                .withClusterLoggingMode("NONE")
                .withClusterKmsKey(key)
                .build());

        assertThat(result.remediation()).contains("executeCommandConfiguration={kmsKeyId=" + key + ",logging=OVERRIDE");
    }

    @Test
    void evaluate_whenModeUnrecognised_isUnknown() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask().withClusterLoggingMode("VERBOSE").build());

        assertResult(result, AuditLoggingConfiguredCheck.DEFINITION, CheckStatus.UNKNOWN, Severity.INFORMATIONAL, "VERBOSE");
    }

    @Test
    void evaluate_whenClusterUnreadable_isUnknown() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask()
                .withClusterFailed(ReadFailures.denied("ecs:DescribeClusters", "AccessDeniedException"))
                .build());

        assertResult(result, AuditLoggingConfiguredCheck.DEFINITION, CheckStatus.UNKNOWN, Severity.INFORMATIONAL,
                TASK_ID, "ecs:DescribeClusters was denied (AccessDeniedException");
        assertThat(result.remediation()).contains("Grant the ExecReady checker's role ecs:DescribeClusters");
        assertThat(result.evidence()).containsEntry("loggingMode", "unreadable");
    }

    @Test
    void evaluate_whenDefaultButTaskDefinitionUnreadable_isUnknown() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask()
                .withTaskDefinitionFailed(ReadFailures.denied("ecs:DescribeTaskDefinition", "AccessDeniedException"))
                .build());

        assertResult(result, AuditLoggingConfiguredCheck.DEFINITION, CheckStatus.UNKNOWN, Severity.INFORMATIONAL,
                "ecs:DescribeTaskDefinition was denied");
    }
}
