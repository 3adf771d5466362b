package io.execready.checks.audit;

import static io.execready.fixtures.CheckResultAssertions.assertResult;
import static io.execready.fixtures.TaskSnapshotFixture.AUDIT_BUCKET;
import static io.execready.fixtures.TaskSnapshotFixture.AUDIT_LOG_GROUP;
import static io.execready.fixtures.TaskSnapshotFixture.AUDIT_PREFIX;
import static io.execready.fixtures.TaskSnapshotFixture.TASK_ID;
import static org.assertj.core.api.Assertions.assertThat;

import io.execready.engine.CauseResource;
import io.execready.engine.CheckResult;
import io.execready.engine.CheckStatus;
import io.execready.engine.Severity;
import io.execready.fixtures.ReadFailures;
import io.execready.fixtures.TaskSnapshotFixture;
import io.execready.snapshot.ExecLogging;
import org.junit.jupiter.api.Test;

class AuditLogDestinationReadyCheckTest {

    private final AuditLogDestinationReadyCheck check = new AuditLogDestinationReadyCheck();

    private static TaskSnapshotFixture unencryptedDestinationsAllowed() {
        return TaskSnapshotFixture.fullyConfiguredFargateTask()
                .withClusterLogging(new ExecLogging("OVERRIDE", AUDIT_LOG_GROUP, false, AUDIT_BUCKET, AUDIT_PREFIX, false));
    }

    @Test
    void evaluate_whenGroupAndBucketExistEncrypted_passes() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.fullyConfiguredFargateTask().build());

        assertResult(result, AuditLogDestinationReadyCheck.DEFINITION, CheckStatus.PASS, Severity.INFORMATIONAL,
                "CloudWatch Logs group " + AUDIT_LOG_GROUP, "S3 bucket " + AUDIT_BUCKET + " (encrypted with aws:kms)", TASK_ID);
    }

    @Test
    void evaluate_whenEncryptionNotRequired_passesWithoutKeys() {
        CheckResult result = check.evaluate(unencryptedDestinationsAllowed()
                .withAuditLogGroupKmsKey(null)
                .withAuditBucketEncryption(null)
                .build());

        assertResult(result, AuditLogDestinationReadyCheck.DEFINITION, CheckStatus.PASS, Severity.INFORMATIONAL, AUDIT_LOG_GROUP, AUDIT_BUCKET);
    }

    @Test
    void evaluate_whenClusterNamesNoDestination_isNotApplicable() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask().build());

        assertResult(result, AuditLogDestinationReadyCheck.DEFINITION, CheckStatus.NOT_APPLICABLE, Severity.INFORMATIONAL, "Cluster prod", TASK_ID);
    }

    @Test
    void evaluate_whenLogGroupMissing_failsWithTheCreateCommand() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.fullyConfiguredFargateTask().withAuditLogGroupMissing().build());

        assertResult(result, AuditLogDestinationReadyCheck.DEFINITION, CheckStatus.FAIL, Severity.HIGH,
                "CloudWatch Logs group " + AUDIT_LOG_GROUP + " does not exist", TASK_ID);
        assertThat(result.remediation()).startsWith("Create the group with aws logs create-log-group --log-group-name " + AUDIT_LOG_GROUP
                + " --kms-key-id arn:aws:kms:eu-west-1:123456789012:key/KEY_ID");
        assertThat(result.causeResource()).contains(new CauseResource.LogGroup("arn:aws:logs:eu-west-1:123456789012:log-group:" + AUDIT_LOG_GROUP, AUDIT_LOG_GROUP, null));
    }

    @Test
    void evaluate_whenEncryptionRequiredAndGroupHasNoKey_failsWithTheConsoleMessage() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.fullyConfiguredFargateTask().withAuditLogGroupKmsKey(null).build());

        assertResult(result, AuditLogDestinationReadyCheck.DEFINITION, CheckStatus.FAIL, Severity.HIGH,
                AUDIT_LOG_GROUP + " has no KMS key", "encryption is not set up on the selected CloudWatch Logs log group");
        assertThat(result.remediation()).contains("aws logs associate-kms-key --log-group-name " + AUDIT_LOG_GROUP)
                .contains("logs.eu-west-1.amazonaws.com");
    }

    @Test
    void evaluate_whenBucketMissing_failsWithTheCreateCommandInTheTasksRegion() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.fullyConfiguredFargateTask().withAuditBucketMissing().build());

        assertResult(result, AuditLogDestinationReadyCheck.DEFINITION, CheckStatus.FAIL, Severity.HIGH, "S3 bucket " + AUDIT_BUCKET + " does not exist");
        assertThat(result.remediation()).contains("aws s3api create-bucket --bucket " + AUDIT_BUCKET
                + " --create-bucket-configuration LocationConstraint=eu-west-1");
        assertThat(result.causeResource()).contains(new CauseResource.S3Bucket("arn:aws:s3:::" + AUDIT_BUCKET, AUDIT_BUCKET));
    }

    @Test
    void evaluate_whenEncryptionRequiredAndBucketUnencrypted_fails() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.fullyConfiguredFargateTask().withAuditBucketEncryption(null).build());

        assertResult(result, AuditLogDestinationReadyCheck.DEFINITION, CheckStatus.FAIL, Severity.HIGH,
                "S3 bucket " + AUDIT_BUCKET + " has no default encryption");
        assertThat(result.remediation()).contains("aws s3api put-bucket-encryption --bucket " + AUDIT_BUCKET);
    }

    @Test
    void evaluate_whenBothDestinationsBroken_failsNamingBoth() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.fullyConfiguredFargateTask()
                .withAuditLogGroupMissing()
                .withAuditBucketEncryption(null)
                .build());

        assertResult(result, AuditLogDestinationReadyCheck.DEFINITION, CheckStatus.FAIL, Severity.HIGH,
                AUDIT_LOG_GROUP + " does not exist", AUDIT_BUCKET + " has no default encryption");
        assertThat(result.remediation()).contains("create-log-group", "put-bucket-encryption");
    }

    @Test
    void evaluate_whenBucketBrokenAndGroupUnreadable_failsAndSaysTheGroupCouldNotBeRead() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.fullyConfiguredFargateTask()
                .withAuditBucketMissing()
                .withAuditLogGroupFailed(ReadFailures.denied("logs:DescribeLogGroups", "AccessDeniedException"))
                .build());

        assertResult(result, AuditLogDestinationReadyCheck.DEFINITION, CheckStatus.FAIL, Severity.HIGH,
                AUDIT_BUCKET + " does not exist", "the log group could not be read");
    }

    @Test
    void evaluate_whenLogGroupUnreadable_isUnknownNamingTheDeniedAction() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.fullyConfiguredFargateTask()
                .withAuditLogGroupFailed(ReadFailures.denied("logs:DescribeLogGroups", "AccessDeniedException"))
                .build());

        assertResult(result, AuditLogDestinationReadyCheck.DEFINITION, CheckStatus.UNKNOWN, Severity.INFORMATIONAL,
                "the session log group", "logs:DescribeLogGroups was denied (AccessDeniedException");
        assertThat(result.remediation()).contains("Grant the ExecReady checker's role logs:DescribeLogGroups");
    }

    @Test
    void evaluate_whenBothUnreadable_isUnknownNamingBothActions() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.fullyConfiguredFargateTask()
                .withAuditLogGroupFailed(ReadFailures.denied("logs:DescribeLogGroups", "AccessDeniedException"))
                .withAuditBucketFailed(ReadFailures.denied("s3:GetEncryptionConfiguration", "AccessDenied"))
                .build());

        assertResult(result, AuditLogDestinationReadyCheck.DEFINITION, CheckStatus.UNKNOWN, Severity.INFORMATIONAL,
                "logs:DescribeLogGroups was denied", "s3:GetEncryptionConfiguration was denied");
        assertThat(result.remediation()).contains("logs:DescribeLogGroups and s3:GetEncryptionConfiguration");
    }

    @Test
    void evaluate_whenClusterUnreadable_isUnknown() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.fullyConfiguredFargateTask()
                .withClusterFailed(ReadFailures.denied("ecs:DescribeClusters", "AccessDeniedException"))
                .build());

        assertResult(result, AuditLogDestinationReadyCheck.DEFINITION, CheckStatus.UNKNOWN, Severity.INFORMATIONAL, "ecs:DescribeClusters was denied");
    }
}
