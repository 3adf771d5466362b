package io.execready.checks.audit;

import static io.execready.fixtures.CheckResultAssertions.assertResult;
import static io.execready.fixtures.TaskSnapshotFixture.AUDIT_BUCKET;
import static io.execready.fixtures.TaskSnapshotFixture.AUDIT_LOG_GROUP;
import static io.execready.fixtures.TaskSnapshotFixture.EXEC_KEY_ARN;
import static io.execready.fixtures.TaskSnapshotFixture.TASK_ID;
import static org.assertj.core.api.Assertions.assertThat;

import io.execready.engine.CauseResource;
import io.execready.engine.CheckResult;
import io.execready.engine.CheckStatus;
import io.execready.engine.Severity;
import io.execready.fixtures.ReadFailures;
import io.execready.fixtures.TaskSnapshotFixture;
import org.junit.jupiter.api.Test;

class ExecKmsKeyUsableCheckTest {

    private final ExecKmsKeyUsableCheck check = new ExecKmsKeyUsableCheck();

    @Test
    void evaluate_whenKeyEnabled_passes() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.fullyConfiguredFargateTask().build());

        assertResult(result, ExecKmsKeyUsableCheck.DEFINITION, CheckStatus.PASS, Severity.INFORMATIONAL, EXEC_KEY_ARN, "Enabled");
        assertThat(result.causeResource()).contains(new CauseResource.KmsKey(EXEC_KEY_ARN));
    }

    @Test
    void evaluate_whenKeyDisabled_failsWithEnableKey() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.fullyConfiguredFargateTask().withExecKmsKeyState("Disabled").build());

        assertResult(result, ExecKmsKeyUsableCheck.DEFINITION, CheckStatus.FAIL, Severity.HIGH, EXEC_KEY_ARN, "is Disabled", TASK_ID);
        assertThat(result.remediation()).startsWith("Enable the key with aws kms enable-key --key-id " + EXEC_KEY_ARN);
        assertThat(result.evidence()).containsEntry("keyState", "Disabled");
    }

    @Test
    void evaluate_whenKeyPendingDeletion_failsWithCancelDeletion() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.fullyConfiguredFargateTask().withExecKmsKeyState("PendingDeletion").build());

        assertResult(result, ExecKmsKeyUsableCheck.DEFINITION, CheckStatus.FAIL, Severity.HIGH, "is PendingDeletion");
        assertThat(result.remediation()).contains("aws kms cancel-key-deletion --key-id " + EXEC_KEY_ARN, "aws kms enable-key");
    }

    @Test
    void evaluate_whenKeyInAnotherUnusableState_failsNamingIt() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.fullyConfiguredFargateTask().withExecKmsKeyState("Unavailable").build());

        assertResult(result, ExecKmsKeyUsableCheck.DEFINITION, CheckStatus.FAIL, Severity.HIGH, "is Unavailable, not Enabled");
    }

    @Test
    void evaluate_whenKeyMissing_failsWithAnUpdateClusterThatKeepsTheLoggingSettings() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.fullyConfiguredFargateTask().withExecKmsKeyMissing().build());

        assertResult(result, ExecKmsKeyUsableCheck.DEFINITION, CheckStatus.FAIL, Severity.HIGH, EXEC_KEY_ARN, "does not exist");
        assertThat(result.remediation()).contains("aws ecs update-cluster --cluster prod --configuration 'executeCommandConfiguration={kmsKeyId=KEY_ARN,"
                + "logging=OVERRIDE,logConfiguration={cloudWatchLogGroupName=" + AUDIT_LOG_GROUP + ",cloudWatchEncryptionEnabled=true,"
                + "s3BucketName=" + AUDIT_BUCKET + ",s3KeyPrefix=exec/,s3EncryptionEnabled=true}}'");
    }

    @Test
    void evaluate_whenDescribeKeyDenied_isUnknownNamingIt() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.fullyConfiguredFargateTask()
                .withExecKmsKeyFailed(ReadFailures.denied("kms:DescribeKey", "AccessDeniedException"))
                .build());

        assertResult(result, ExecKmsKeyUsableCheck.DEFINITION, CheckStatus.UNKNOWN, Severity.INFORMATIONAL,
                "the cluster's ECS Exec KMS key", "kms:DescribeKey was denied (AccessDeniedException");
        assertThat(result.remediation()).contains("Grant the ExecReady checker's role kms:DescribeKey");
    }

    @Test
    void evaluate_whenClusterSetsNoKey_isNotApplicable() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask().build());

        assertResult(result, ExecKmsKeyUsableCheck.DEFINITION, CheckStatus.NOT_APPLICABLE, Severity.INFORMATIONAL, "Cluster prod", TASK_ID);
    }

    @Test
    void evaluate_whenClusterUnreadable_isUnknown() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.fullyConfiguredFargateTask()
                .withClusterFailed(ReadFailures.denied("ecs:DescribeClusters", "AccessDeniedException"))
                .build());

        assertResult(result, ExecKmsKeyUsableCheck.DEFINITION, CheckStatus.UNKNOWN, Severity.INFORMATIONAL, "ecs:DescribeClusters was denied");
    }
}
