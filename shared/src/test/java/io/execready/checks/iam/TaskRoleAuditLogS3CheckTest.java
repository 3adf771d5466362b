package io.execready.checks.iam;

import static io.execready.fixtures.CheckResultAssertions.assertResult;
import static io.execready.fixtures.TaskSnapshotFixture.AUDIT_BUCKET;
import static io.execready.fixtures.TaskSnapshotFixture.AUDIT_LOG_GROUP;
import static io.execready.fixtures.TaskSnapshotFixture.AUDIT_PREFIX;
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

class TaskRoleAuditLogS3CheckTest {

    private final TaskRoleAuditLogS3Check check = new TaskRoleAuditLogS3Check();

    @Test
    void evaluate_whenRoleMayUploadToTheBucket_passes() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.fullyConfiguredFargateTask().build());

        assertResult(result, TaskRoleAuditLogS3Check.DEFINITION, CheckStatus.PASS, Severity.INFORMATIONAL,
                TASK_ROLE_ARN, AUDIT_BUCKET, "s3:PutObject, s3:GetBucketLocation and s3:GetEncryptionConfiguration");
    }

    @Test
    void evaluate_whenGetBucketLocationDenied_fails() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.fullyConfiguredFargateTask()
                .withTaskRoleDecision("s3:GetBucketLocation", PolicyDecision.IMPLICIT_DENY, (String) null)
                .build());

        assertResult(result, TaskRoleAuditLogS3Check.DEFINITION, CheckStatus.FAIL, Severity.HIGH,
                "s3:GetBucketLocation on * is implicitly denied", "bucket " + AUDIT_BUCKET);
    }

    @Test
    void evaluate_whenPutObjectDenied_failsNamingThePrefix() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.fullyConfiguredFargateTask()
                .withTaskRoleDecision("s3:PutObject", PolicyDecision.EXPLICIT_DENY, (String) null)
                .build());

        assertResult(result, TaskRoleAuditLogS3Check.DEFINITION, CheckStatus.FAIL, Severity.HIGH,
                "s3:PutObject on arn:aws:s3:::" + AUDIT_BUCKET + "/" + AUDIT_PREFIX + "* is explicitly denied");
        assertThat(result.remediation()).contains("\"Resource\":\"arn:aws:s3:::" + AUDIT_BUCKET + "\"}");
    }

    @Test
    void evaluate_whenEncryptedUploadsRequiredAndEncryptionConfigurationDenied_failsNamingTheBucket() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.fullyConfiguredFargateTask()
                .withTaskRoleDecision("s3:GetEncryptionConfiguration", PolicyDecision.IMPLICIT_DENY, (String) null)
                .build());

        assertResult(result, TaskRoleAuditLogS3Check.DEFINITION, CheckStatus.FAIL, Severity.HIGH,
                "s3:GetEncryptionConfiguration on arn:aws:s3:::" + AUDIT_BUCKET + " is implicitly denied");
    }

    @Test
    void evaluate_whenUploadsNeedNoEncryption_doesNotNeedEncryptionConfiguration() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.fullyConfiguredFargateTask()
                .withClusterLogging(new ExecLogging("OVERRIDE", AUDIT_LOG_GROUP, true, AUDIT_BUCKET, AUDIT_PREFIX, false))
                .withTaskRoleDecision("s3:GetEncryptionConfiguration", PolicyDecision.IMPLICIT_DENY, (String) null)
                .build());

        assertResult(result, TaskRoleAuditLogS3Check.DEFINITION, CheckStatus.PASS, Severity.INFORMATIONAL, "s3:PutObject and s3:GetBucketLocation");
    }

    @Test
    void evaluate_whenSessionsAreNotUploadedToS3_isNotApplicable() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.fullyConfiguredFargateTask()
                .withClusterLogging(new ExecLogging("OVERRIDE", AUDIT_LOG_GROUP, false, null, null, false))
                .build());

        assertResult(result, TaskRoleAuditLogS3Check.DEFINITION, CheckStatus.NOT_APPLICABLE, Severity.INFORMATIONAL, "Cluster prod", TASK_ID);
    }

    @Test
    void evaluate_whenSimulationDenied_isUnknown() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.fullyConfiguredFargateTask()
                .withTaskRoleAccessFailed(ReadFailures.denied("iam:SimulatePrincipalPolicy", "AccessDenied"))
                .build());

        assertResult(result, TaskRoleAuditLogS3Check.DEFINITION, CheckStatus.UNKNOWN, Severity.INFORMATIONAL,
                "the task role's S3 permissions", "iam:SimulatePrincipalPolicy was denied");
    }

    @Test
    void evaluate_whenTaskHasNoRole_isNotApplicable() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.fullyConfiguredFargateTask().withoutTaskRole().build());

        assertResult(result, TaskRoleAuditLogS3Check.DEFINITION, CheckStatus.NOT_APPLICABLE, Severity.INFORMATIONAL, "task-role-present");
    }
}
