package io.execready.checks.audit;

import static io.execready.fixtures.CheckResultAssertions.assertResult;
import static io.execready.fixtures.TaskSnapshotFixture.AUDIT_BUCKET;
import static io.execready.fixtures.TaskSnapshotFixture.TASK_ROLE_ARN;
import static org.assertj.core.api.Assertions.assertThat;

import io.execready.engine.CheckResult;
import io.execready.engine.CheckStatus;
import io.execready.engine.OperatorError;
import io.execready.engine.Severity;
import io.execready.fixtures.ReadFailures;
import io.execready.fixtures.TaskSnapshotFixture;
import io.execready.snapshot.FailureKind;
import io.execready.snapshot.ReadFailure;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AuditBucketPolicyAllowsCheckTest {

    private final AuditBucketPolicyAllowsCheck check = new AuditBucketPolicyAllowsCheck();

    private static String policy(String statement) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[" + statement + "]}";
    }

    @Test
    void evaluate_whenTheBucketHasNoPolicy_passes() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.fullyConfiguredFargateTask().build());

        assertResult(result, AuditBucketPolicyAllowsCheck.DEFINITION, CheckStatus.PASS, Severity.INFORMATIONAL, AUDIT_BUCKET, "no bucket policy");
    }

    @Test
    void evaluate_whenThePolicyOnlyRequiresTls_passes() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.fullyConfiguredFargateTask()
                .withExecAccess(a -> a.withBucketPolicy(policy("{\"Sid\":\"TlsOnly\",\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":\"arn:aws:s3:::"
                        + AUDIT_BUCKET + "/*\",\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}}}")))
                .build());

        assertResult(result, AuditBucketPolicyAllowsCheck.DEFINITION, CheckStatus.PASS, Severity.INFORMATIONAL, AUDIT_BUCKET, TASK_ROLE_ARN);
    }

    @Test
    void evaluate_whenADenyRequiresAnEncryptionHeaderTheAgentDoesNotSend_fails() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.fullyConfiguredFargateTask()
                .withExecAccess(a -> a.withBucketPolicy(policy("{\"Sid\":\"RequireKmsHeader\",\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:PutObject\","
                        + "\"Resource\":\"arn:aws:s3:::" + AUDIT_BUCKET + "/*\",\"Condition\":{\"StringNotEquals\":{\"s3:x-amz-server-side-encryption\":\"aws:kms\"}}}")))
                .build());

        assertResult(result, AuditBucketPolicyAllowsCheck.DEFINITION, CheckStatus.FAIL, Severity.HIGH, AUDIT_BUCKET, "RequireKmsHeader", TASK_ROLE_ARN);
        assertThat(result.operatorError()).contains(OperatorError.SESSION_CLOSES_AT_ONCE.text());
    }

    @Test
    void evaluate_whenADenyOutsideThePrefixOnly_passes() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.fullyConfiguredFargateTask()
                .withExecAccess(a -> a.withBucketPolicy(policy("{\"Sid\":\"Elsewhere\",\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:PutObject\","
                        + "\"Resource\":\"arn:aws:s3:::" + AUDIT_BUCKET + "/other/*\"}")))
                .build());

        assertResult(result, AuditBucketPolicyAllowsCheck.DEFINITION, CheckStatus.PASS, Severity.INFORMATIONAL, AUDIT_BUCKET);
    }

    @Test
    void evaluate_whenADenyDependsOnTheSourceEndpoint_isUnknownNamingTheStatement() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.fullyConfiguredFargateTask()
                .withExecAccess(a -> a.withBucketPolicy(policy("{\"Sid\":\"OnlyViaVpce\",\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:*\","
                        + "\"Resource\":\"*\",\"Condition\":{\"StringNotEquals\":{\"aws:SourceVpce\":\"vpce-1\"}}}")))
                .build());

        assertResult(result, AuditBucketPolicyAllowsCheck.DEFINITION, CheckStatus.UNKNOWN, Severity.INFORMATIONAL, "OnlyViaVpce", "aws:SourceVpce");
    }

    @Test
    void evaluate_withoutS3Logging_isNotApplicable() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask().build());

        assertResult(result, AuditBucketPolicyAllowsCheck.DEFINITION, CheckStatus.NOT_APPLICABLE, Severity.INFORMATIONAL, "no ECS Exec session logs to S3");
    }

    static Stream<ReadFailure> bucketPolicyFailures() {
        return Stream.of(ReadFailures.denied("s3:GetBucketPolicy", "AccessDenied"), ReadFailures.throttled("s3:GetBucketPolicy"),
                ReadFailures.timedOut("s3:GetBucketPolicy"), ReadFailures.unreachable("s3:GetBucketPolicy"));
    }

    /** A bucket of another account is judged only when its policy is readable: a denial is UNKNOWN. */
    @ParameterizedTest
    @MethodSource("bucketPolicyFailures")
    void evaluate_whenTheBucketPolicyCannotBeRead_isUnknownByKind(ReadFailure failure) {
        CheckResult result = check.evaluate(TaskSnapshotFixture.fullyConfiguredFargateTask().withExecAccess(a -> a.withBucketPolicyFailed(failure)).build());

        assertResult(result, AuditBucketPolicyAllowsCheck.DEFINITION, CheckStatus.UNKNOWN, Severity.INFORMATIONAL, "the session log bucket's policy");
        assertThat(result.evidence()).containsEntry("failedAction", "s3:GetBucketPolicy").containsEntry("failureKind", failure.kind().name());
        assertThat(result.remediation().contains("Grant")).isEqualTo(failure.kind() == FailureKind.DENIED);
    }

    @Test
    void evaluate_whenTheTaskRoleCannotBeRead_isUnknown() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.fullyConfiguredFargateTask()
                .withExecAccess(a -> a.withBucketPolicy(policy("{\"Sid\":\"Any\",\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:DeleteBucket\",\"Resource\":\"*\"}")))
                .withTaskRoleFailed(ReadFailures.throttled("ecs:DescribeTaskDefinition")).build());

        assertResult(result, AuditBucketPolicyAllowsCheck.DEFINITION, CheckStatus.UNKNOWN, Severity.INFORMATIONAL, "task role");
    }
}
