package io.execready.checks.iam;

import static io.execready.fixtures.CheckResultAssertions.assertResult;
import static io.execready.fixtures.TaskSnapshotFixture.CLUSTER_ARN;
import static io.execready.fixtures.TaskSnapshotFixture.EXEC_KEY_ARN;
import static io.execready.fixtures.TaskSnapshotFixture.OPERATOR_ARN;
import static io.execready.fixtures.TaskSnapshotFixture.TASK_ARN;
import static io.execready.fixtures.TaskSnapshotFixture.TASK_ID;
import static org.assertj.core.api.Assertions.assertThat;

import io.execready.engine.CauseResource;
import io.execready.engine.CheckResult;
import io.execready.engine.CheckStatus;
import io.execready.engine.Severity;
import io.execready.fixtures.ReadFailures;
import io.execready.fixtures.TaskSnapshotFixture;
import io.execready.snapshot.PolicyDecision;
import org.junit.jupiter.api.Test;

class OperatorCanExecuteCheckTest {

    private static final String ALICE = "arn:aws:iam::123456789012:user/alice";

    private final OperatorCanExecuteCheck check = new OperatorCanExecuteCheck();

    @Test
    void evaluate_whenOperatorIsAllowedEverything_passesNamingTheContainerSimulated() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.fullyConfiguredFargateTask().build());

        assertResult(result, OperatorCanExecuteCheck.DEFINITION, CheckStatus.PASS, Severity.INFORMATIONAL,
                "Operator " + OPERATOR_ARN, TASK_ID, "container app", "kms:GenerateDataKey");
    }

    @Test
    void evaluate_whenNoOperatorsConfigured_isNotApplicable() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask().build());

        assertResult(result, OperatorCanExecuteCheck.DEFINITION, CheckStatus.NOT_APPLICABLE, Severity.INFORMATIONAL,
                "OPERATOR_PRINCIPAL_ARNS", TASK_ID);
    }

    @Test
    void evaluate_whenExecuteCommandDeniedOnTheClusterOnly_failsNamingTheClusterArn() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.fullyConfiguredFargateTask()
                .withOperatorDecision(OPERATOR_ARN, "ecs:ExecuteCommand", CLUSTER_ARN, PolicyDecision.IMPLICIT_DENY)
                .build());

        assertResult(result, OperatorCanExecuteCheck.DEFINITION, CheckStatus.FAIL, Severity.HIGH,
                "Operator " + OPERATOR_ARN + " cannot run aws ecs execute-command", "container app",
                "ecs:ExecuteCommand on " + CLUSTER_ARN + " is implicitly denied (no statement allows it)");
        assertThat(result.message()).doesNotContain("ecs:ExecuteCommand on " + TASK_ARN);
        assertThat(result.causeResource()).contains(CauseResource.iamRole(OPERATOR_ARN));
        assertThat(result.remediation())
                .startsWith("Allow ecs:ExecuteCommand and kms:GenerateDataKey with aws iam put-role-policy --role-name platform-operator --policy-name ecs-exec-operator")
                .contains("\"Action\":[\"ecs:ExecuteCommand\"],\"Resource\":\"" + TASK_ARN + "\"")
                .contains("\"Action\":[\"kms:GenerateDataKey\"],\"Resource\":\"" + EXEC_KEY_ARN + "\"");
    }

    @Test
    void evaluate_whenScpDeniesGenerateDataKey_failsNamingTheScp() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.fullyConfiguredFargateTask()
                .withOperatorDecision(OPERATOR_ARN, "kms:GenerateDataKey", PolicyDecision.EXPLICIT_DENY, "a service control policy (SCP)")
                .build());

        assertResult(result, OperatorCanExecuteCheck.DEFINITION, CheckStatus.FAIL, Severity.HIGH,
                "kms:GenerateDataKey on " + EXEC_KEY_ARN + " is explicitly denied by a service control policy (SCP)");
        assertThat(result.remediation()).startsWith("Remove the statement that explicitly denies kms:GenerateDataKey on " + EXEC_KEY_ARN
                + " (denied by a service control policy (SCP))");
    }

    @Test
    void evaluate_whenAUserOperatorIsDenied_blamesTheUserAndPutsAUserPolicy() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.fullyConfiguredFargateTask()
                .withOperators(OPERATOR_ARN, ALICE)
                .withOperatorDecision(ALICE, "ecs:ExecuteCommand", PolicyDecision.IMPLICIT_DENY, null)
                .build());

        assertResult(result, OperatorCanExecuteCheck.DEFINITION, CheckStatus.FAIL, Severity.HIGH, "Operator " + ALICE);
        assertThat(result.message()).doesNotContain("for " + OPERATOR_ARN);
        assertThat(result.causeResource()).contains(new CauseResource.IamUser(ALICE));
        assertThat(result.remediation()).contains("aws iam put-user-policy --user-name alice");
    }

    @Test
    void evaluate_whenTwoOperatorsAreDenied_saysWhoseDenialAndFixIsWhose() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.fullyConfiguredFargateTask()
                .withOperators(OPERATOR_ARN, ALICE)
                .withOperatorDecision(OPERATOR_ARN, "kms:GenerateDataKey", PolicyDecision.IMPLICIT_DENY, null)
                .withOperatorDecision(ALICE, "ecs:ExecuteCommand", TASK_ARN, PolicyDecision.IMPLICIT_DENY)
                .build());

        assertResult(result, OperatorCanExecuteCheck.DEFINITION, CheckStatus.FAIL, Severity.HIGH,
                "Operators " + OPERATOR_ARN + " and " + ALICE + " cannot run",
                "for " + OPERATOR_ARN + ", kms:GenerateDataKey on " + EXEC_KEY_ARN + " is implicitly denied",
                "for " + ALICE + ", ecs:ExecuteCommand on " + TASK_ARN + " is implicitly denied");
        assertThat(result.remediation()).startsWith("For " + OPERATOR_ARN + ", allow ecs:ExecuteCommand and kms:GenerateDataKey with aws iam put-role-policy")
                .contains("; for " + ALICE + ", allow ecs:ExecuteCommand and kms:GenerateDataKey with aws iam put-user-policy --user-name alice");
        assertThat(result.evidence()).containsEntry(OPERATOR_ARN, "DENIED").containsEntry(ALICE, "DENIED");
    }

    @Test
    void evaluate_whenTaskTagsUnreadable_isUnknownNamingTheDeniedAction() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.fullyConfiguredFargateTask()
                .withOperatorFailed(OPERATOR_ARN, ReadFailures.denied("ecs:ListTagsForResource", "AccessDeniedException"))
                .build());

        assertResult(result, OperatorCanExecuteCheck.DEFINITION, CheckStatus.UNKNOWN, Severity.INFORMATIONAL,
                TASK_ID, "ecs:ListTagsForResource was denied (AccessDeniedException");
        assertThat(result.remediation()).contains("Grant the ExecReady checker's role ecs:ListTagsForResource");
    }

    @Test
    void evaluate_whenOneOperatorDeniedAndAnotherUnreadable_failsAndSaysWhatCouldNotBeRead() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.fullyConfiguredFargateTask()
                .withOperators(OPERATOR_ARN, ALICE)
                .withOperatorDecision(OPERATOR_ARN, "ecs:ExecuteCommand", PolicyDecision.IMPLICIT_DENY, null)
                .withOperatorFailed(ALICE, ReadFailures.denied("iam:SimulatePrincipalPolicy", "AccessDenied"))
                .build());

        assertResult(result, OperatorCanExecuteCheck.DEFINITION, CheckStatus.FAIL, Severity.HIGH,
                "Operator " + OPERATOR_ARN + " cannot run",
                "the permissions of " + ALICE + " could not be read (iam:SimulatePrincipalPolicy was denied (AccessDenied");
    }

    @Test
    void evaluate_whenClusterUnreadable_isUnknown() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.fullyConfiguredFargateTask()
                .withClusterFailed(ReadFailures.denied("ecs:DescribeClusters", "AccessDeniedException"))
                .build());

        assertResult(result, OperatorCanExecuteCheck.DEFINITION, CheckStatus.UNKNOWN, Severity.INFORMATIONAL, "ecs:DescribeClusters was denied");
    }
}
