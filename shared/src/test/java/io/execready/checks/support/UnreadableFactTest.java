package io.execready.checks.support;

import io.execready.checks.audit.AuditLogDestinationReadyCheck;
import io.execready.checks.container.WritableRootFilesystemCheck;
import static io.execready.fixtures.CheckResultAssertions.assertResult;
import static io.execready.fixtures.TaskSnapshotFixture.TASK_ID;
import static org.assertj.core.api.Assertions.assertThat;

import io.execready.engine.CheckResult;
import io.execready.engine.CheckStatus;
import io.execready.engine.Severity;
import io.execready.fixtures.ReadFailures;
import io.execready.fixtures.TaskSnapshotFixture;
import io.execready.snapshot.FailureKind;
import io.execready.snapshot.ReadFailure;
import org.junit.jupiter.api.Test;

/** The UNKNOWN a failed read gives, by the failure's kind: only a denial asks for a permission. */
class UnreadableFactTest {

    private static final String DESCRIBE_TASK_DEFINITION = "ecs:DescribeTaskDefinition";

    private final WritableRootFilesystemCheck check = new WritableRootFilesystemCheck();

    private CheckResult withTaskDefinitionFailed(ReadFailure failure) {
        return check.evaluate(TaskSnapshotFixture.runningFargateTask().withTaskDefinitionFailed(failure).build());
    }

    @Test
    void unknown_whenDenied_asksForThePermission() {
        CheckResult result = withTaskDefinitionFailed(ReadFailures.denied(DESCRIBE_TASK_DEFINITION));

        assertResult(result, WritableRootFilesystemCheck.DEFINITION, CheckStatus.UNKNOWN, Severity.INFORMATIONAL,
                TASK_ID, "reading the task definition failed: ecs:DescribeTaskDefinition was denied (AccessDeniedException");
        assertThat(result.remediation()).isEqualTo("Grant the ExecReady checker's role ecs:DescribeTaskDefinition, then evaluate the task again.");
        assertThat(result.evidence())
                .containsEntry("failedAction", DESCRIBE_TASK_DEFINITION)
                .containsEntry("failureKind", "DENIED")
                .hasEntrySatisfying("readFailure", text -> assertThat(text).startsWith("ecs:DescribeTaskDefinition was denied"));
    }

    @Test
    void unknown_whenThrottled_namesTheQuotaAndTheRetryWithoutAskingForAPermission() {
        CheckResult result = withTaskDefinitionFailed(ReadFailures.throttled(DESCRIBE_TASK_DEFINITION));

        assertResult(result, WritableRootFilesystemCheck.DEFINITION, CheckStatus.UNKNOWN, Severity.INFORMATIONAL,
                TASK_ID, "ecs:DescribeTaskDefinition was throttled and the retries ran out (ThrottlingException");
        assertThat(result.remediation())
                .startsWith("AWS throttled ecs:DescribeTaskDefinition")
                .contains("ECS DescribeTaskDefinition is limited to 20 requests per second (burst 50) per account and Region")
                .contains("the next evaluation (the next task event or the periodic sweep) reads it again")
                .doesNotContainIgnoringCase("grant");
        assertThat(result.evidence()).containsEntry("failureKind", "THROTTLED").containsEntry("failedAction", DESCRIBE_TASK_DEFINITION);
    }

    @Test
    void unknown_whenThrottledOnAnApiWithoutAListedRate_saysAwsLimitsIt() {
        CheckResult result = withTaskDefinitionFailed(ReadFailures.throttled("kms:DescribeKey"));

        assertThat(result.remediation()).contains("AWS limits how often one account may call kms:DescribeKey in a Region")
                .doesNotContainIgnoringCase("grant");
    }

    @Test
    void unknown_whenTimedOut_saysSoWithoutAskingForAPermission() {
        CheckResult result = withTaskDefinitionFailed(ReadFailures.timedOut(DESCRIBE_TASK_DEFINITION));

        assertResult(result, WritableRootFilesystemCheck.DEFINITION, CheckStatus.UNKNOWN, Severity.INFORMATIONAL,
                TASK_ID, "ecs:DescribeTaskDefinition timed out");
        assertThat(result.remediation())
                .startsWith("ecs:DescribeTaskDefinition timed out: AWS did not answer in time")
                .contains("the next evaluation retries", "VPC subnets reach AWS through a NAT gateway or VPC endpoints")
                .doesNotContainIgnoringCase("grant");
        assertThat(result.evidence()).containsEntry("failureKind", "TIMED_OUT");
    }

    @Test
    void unknown_whenUnreachable_saysAwsCouldNotBeReachedWithoutAskingForAPermission() {
        CheckResult result = withTaskDefinitionFailed(ReadFailures.unreachable(DESCRIBE_TASK_DEFINITION));

        assertResult(result, WritableRootFilesystemCheck.DEFINITION, CheckStatus.UNKNOWN, Severity.INFORMATIONAL,
                TASK_ID, "ecs:DescribeTaskDefinition could not reach AWS (ServiceUnavailableException");
        assertThat(result.remediation())
                .startsWith("AWS could not be reached for ecs:DescribeTaskDefinition (an AWS outage or a network problem")
                .contains("the next evaluation retries")
                .doesNotContainIgnoringCase("grant");
        assertThat(result.evidence()).containsEntry("failureKind", "UNREACHABLE");
    }

    @Test
    void unknown_whenNotFound_asksToCheckThatItExists() {
        CheckResult result = withTaskDefinitionFailed(new ReadFailure(DESCRIBE_TASK_DEFINITION, FailureKind.NOT_FOUND,
                "ClientException: Unable to describe task definition"));

        assertResult(result, WritableRootFilesystemCheck.DEFINITION, CheckStatus.UNKNOWN, Severity.INFORMATIONAL,
                "ecs:DescribeTaskDefinition found nothing");
        assertThat(result.remediation()).contains("check that it still exists").doesNotContainIgnoringCase("grant");
    }

    @Test
    void unknown_whenTheAnswerLacksWhatIsNeeded_asksToReportItWithTheEvidence() {
        CheckResult result = withTaskDefinitionFailed(new ReadFailure(DESCRIBE_TASK_DEFINITION, FailureKind.INVALID_RESPONSE,
                "Unable to unmarshall response"));

        assertResult(result, WritableRootFilesystemCheck.DEFINITION, CheckStatus.UNKNOWN, Severity.INFORMATIONAL,
                "ecs:DescribeTaskDefinition answered without what the checker needs (Unable to unmarshall response)");
        assertThat(result.remediation()).contains("report it to the ExecReady maintainers").doesNotContainIgnoringCase("grant");
    }

    @Test
    void unknown_whenOneReadWasDeniedAndAnotherThrottled_grantsOnlyTheDeniedOne() {
        CheckResult result = new AuditLogDestinationReadyCheck().evaluate(TaskSnapshotFixture.fullyConfiguredFargateTask()
                .withAuditLogGroupFailed(ReadFailures.denied("logs:DescribeLogGroups"))
                .withAuditBucketFailed(ReadFailures.throttled("s3:GetEncryptionConfiguration"))
                .build());

        assertResult(result, AuditLogDestinationReadyCheck.DEFINITION, CheckStatus.UNKNOWN, Severity.INFORMATIONAL,
                "logs:DescribeLogGroups was denied", "s3:GetEncryptionConfiguration was throttled");
        assertThat(result.remediation())
                .startsWith("Grant the ExecReady checker's role logs:DescribeLogGroups, then evaluate the task again; AWS throttled s3:GetEncryptionConfiguration")
                .doesNotContain("role logs:DescribeLogGroups and s3:GetEncryptionConfiguration");
        assertThat(result.evidence())
                .containsEntry("failedAction", "logs:DescribeLogGroups, s3:GetEncryptionConfiguration")
                .containsEntry("failureKind", "DENIED, THROTTLED");
    }
}
