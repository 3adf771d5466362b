package io.execready.checks.iam;

import static io.execready.fixtures.CheckResultAssertions.assertResult;
import static io.execready.fixtures.TaskSnapshotFixture.ACCOUNT;
import static io.execready.fixtures.TaskSnapshotFixture.EXEC_KEY_ARN;
import static io.execready.fixtures.TaskSnapshotFixture.OPERATOR_ARN;
import static io.execready.fixtures.TaskSnapshotFixture.TASK_ROLE_ARN;
import static org.assertj.core.api.Assertions.assertThat;

import io.execready.engine.CheckResult;
import io.execready.engine.CheckStatus;
import io.execready.engine.OperatorError;
import io.execready.engine.Severity;
import io.execready.fixtures.ReadFailures;
import io.execready.fixtures.TaskSnapshotFixture;
import io.execready.snapshot.ReadFailure;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class KmsKeyPolicyAllowsCheckTest {

    private final KmsKeyPolicyAllowsCheck check = new KmsKeyPolicyAllowsCheck();

    private static String policy(String statements) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[" + statements + "]}";
    }

    private static final String ROOT = "{\"Sid\":\"Root\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::" + ACCOUNT
            + ":root\"},\"Action\":\"kms:*\",\"Resource\":\"*\"}";

    @Test
    void evaluate_whenThePolicyDelegatesToTheAccount_passes() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.fullyConfiguredFargateTask().build());

        assertResult(result, KmsKeyPolicyAllowsCheck.DEFINITION, CheckStatus.PASS, Severity.INFORMATIONAL, EXEC_KEY_ARN, TASK_ROLE_ARN, OPERATOR_ARN);
    }

    @Test
    void evaluate_whenThePolicyAllowsOnlyOtherPrincipals_failsNamingTheActionAndTheOperatorError() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.fullyConfiguredFargateTask()
                .withExecAccess(a -> a.withKeyPolicy(policy("{\"Sid\":\"Admins\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::" + ACCOUNT
                        + ":role/admin\"},\"Action\":\"kms:*\",\"Resource\":\"*\"}")))
                .build());

        assertResult(result, KmsKeyPolicyAllowsCheck.DEFINITION, CheckStatus.FAIL, Severity.HIGH,
                "no resource-based policy allows the kms action", "kms:Decrypt", "kms:GenerateDataKey", TASK_ROLE_ARN, OPERATOR_ARN);
        assertThat(result.operatorError()).contains(OperatorError.KMS_HANDSHAKE.text());
        assertThat(result.remediation()).contains("aws kms put-key-policy --key-id " + EXEC_KEY_ARN);
    }

    @Test
    void evaluate_whenADenyMatchesTheTaskRole_failsNamingTheStatement() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.fullyConfiguredFargateTask()
                .withExecAccess(a -> a.withKeyPolicy(policy(ROOT + ",{\"Sid\":\"NoDecrypt\",\"Effect\":\"Deny\",\"Principal\":{\"AWS\":\"" + TASK_ROLE_ARN
                        + "\"},\"Action\":\"kms:Decrypt\",\"Resource\":\"*\"}")))
                .build());

        assertResult(result, KmsKeyPolicyAllowsCheck.DEFINITION, CheckStatus.FAIL, Severity.HIGH, "denied by statement NoDecrypt", TASK_ROLE_ARN);
        assertThat(result.evidence().get("refused")).doesNotContain(OPERATOR_ARN);
    }

    @Test
    void evaluate_whenAStatementDependsOnAnUnknownKey_isUnknownNamingIt() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.fullyConfiguredFargateTask()
                .withExecAccess(a -> a.withKeyPolicy(policy("{\"Sid\":\"ViaVpce\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"kms:*\",\"Resource\":\"*\","
                        + "\"Condition\":{\"StringEquals\":{\"kms:EncryptionContext:aws:ecs:clusterName\":\"prod\"}}}")))
                .build());

        assertResult(result, KmsKeyPolicyAllowsCheck.DEFINITION, CheckStatus.UNKNOWN, Severity.INFORMATIONAL, "statement ViaVpce");
    }

    @Test
    void evaluate_withoutAKey_isNotApplicable() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask().build());

        assertResult(result, KmsKeyPolicyAllowsCheck.DEFINITION, CheckStatus.NOT_APPLICABLE, Severity.INFORMATIONAL, "sets no ECS Exec KMS key");
    }

    static Stream<ReadFailure> keyPolicyFailures() {
        return Stream.of(ReadFailures.denied("kms:GetKeyPolicy", "AccessDeniedException"), ReadFailures.throttled("kms:GetKeyPolicy"),
                ReadFailures.timedOut("kms:GetKeyPolicy"), ReadFailures.unreachable("kms:GetKeyPolicy"));
    }

    @ParameterizedTest
    @MethodSource("keyPolicyFailures")
    void evaluate_whenTheKeyPolicyCannotBeRead_isUnknownByKind(ReadFailure failure) {
        CheckResult result = check.evaluate(TaskSnapshotFixture.fullyConfiguredFargateTask().withExecAccess(a -> a.withKeyPolicyFailed(failure)).build());

        assertResult(result, KmsKeyPolicyAllowsCheck.DEFINITION, CheckStatus.UNKNOWN, Severity.INFORMATIONAL, "the exec KMS key's policy");
        assertThat(result.evidence()).containsEntry("failedAction", "kms:GetKeyPolicy").containsEntry("failureKind", failure.kind().name());
        assertThat(result.remediation().contains("Grant")).isEqualTo(failure.kind() == io.execready.snapshot.FailureKind.DENIED);
    }

    @Test
    void evaluate_whenTheClusterCannotBeRead_isUnknown() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.fullyConfiguredFargateTask()
                .withClusterFailed(ReadFailures.throttled("ecs:DescribeClusters")).build());

        assertResult(result, KmsKeyPolicyAllowsCheck.DEFINITION, CheckStatus.UNKNOWN, Severity.INFORMATIONAL, "cluster");
    }

    @Test
    void evaluate_whenTheTaskRoleCannotBeRead_isUnknown() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.fullyConfiguredFargateTask()
                .withTaskRoleFailed(ReadFailures.denied("ecs:DescribeTaskDefinition", "AccessDeniedException")).build());

        assertResult(result, KmsKeyPolicyAllowsCheck.DEFINITION, CheckStatus.UNKNOWN, Severity.INFORMATIONAL, "task role");
    }
}
