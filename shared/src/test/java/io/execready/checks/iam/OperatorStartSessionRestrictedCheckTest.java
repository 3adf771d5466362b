package io.execready.checks.iam;

import static io.execready.fixtures.CheckResultAssertions.assertResult;
import static io.execready.fixtures.TaskSnapshotFixture.OPERATOR_ARN;
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

class OperatorStartSessionRestrictedCheckTest {

    private final OperatorStartSessionRestrictedCheck check = new OperatorStartSessionRestrictedCheck();

    @Test
    void evaluate_whenStartSessionImplicitlyDenied_passes() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.fullyConfiguredFargateTask().build());

        assertResult(result, OperatorStartSessionRestrictedCheck.DEFINITION, CheckStatus.PASS, Severity.INFORMATIONAL,
                "Operator " + OPERATOR_ARN + " may not call ssm:StartSession", TASK_ID);
    }

    @Test
    void evaluate_whenStartSessionExplicitlyDenied_passes() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.fullyConfiguredFargateTask()
                .withOperatorDecision(OPERATOR_ARN, "ssm:StartSession", PolicyDecision.EXPLICIT_DENY, null)
                .build());

        assertResult(result, OperatorStartSessionRestrictedCheck.DEFINITION, CheckStatus.PASS, Severity.INFORMATIONAL, OPERATOR_ARN);
    }

    @Test
    void evaluate_whenStartSessionAllowed_warnsWithADenyForTheClustersTasks() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.fullyConfiguredFargateTask()
                .withOperatorDecision(OPERATOR_ARN, "ssm:StartSession", PolicyDecision.ALLOWED, null)
                .build());

        assertResult(result, OperatorStartSessionRestrictedCheck.DEFINITION, CheckStatus.WARN, Severity.MEDIUM,
                "Operator " + OPERATOR_ARN + " may call ssm:StartSession", TASK_ID, "bypass execute-command");
        assertThat(result.remediation()).contains("aws iam put-role-policy --role-name platform-operator --policy-name deny-direct-ecs-sessions")
                .contains("{\"Effect\":\"Deny\",\"Action\":[\"ssm:StartSession\"],\"Resource\":\"arn:aws:ecs:eu-west-1:123456789012:task/prod/*\"}");
        assertThat(result.causeResource()).contains(CauseResource.iamRole(OPERATOR_ARN));
        assertThat(result.evidence()).containsEntry(OPERATOR_ARN, "ALLOWED");
    }

    @Test
    void evaluate_whenNoOperatorsConfigured_isNotApplicable() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask().build());

        assertResult(result, OperatorStartSessionRestrictedCheck.DEFINITION, CheckStatus.NOT_APPLICABLE, Severity.INFORMATIONAL, "OPERATOR_PRINCIPAL_ARNS");
    }

    @Test
    void evaluate_whenSimulationDenied_isUnknownNamingTheDeniedAction() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.fullyConfiguredFargateTask()
                .withOperatorFailed(OPERATOR_ARN, ReadFailures.denied("iam:SimulatePrincipalPolicy", "AccessDenied"))
                .build());

        assertResult(result, OperatorStartSessionRestrictedCheck.DEFINITION, CheckStatus.UNKNOWN, Severity.INFORMATIONAL,
                "the operators' permissions", "iam:SimulatePrincipalPolicy was denied (AccessDenied");
        assertThat(result.remediation()).contains("Grant the ExecReady checker's role iam:SimulatePrincipalPolicy");
    }

    @Test
    void evaluate_whenClusterUnreadable_isUnknown() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.fullyConfiguredFargateTask()
                .withClusterFailed(ReadFailures.denied("ecs:DescribeClusters", "AccessDeniedException"))
                .build());

        assertResult(result, OperatorStartSessionRestrictedCheck.DEFINITION, CheckStatus.UNKNOWN, Severity.INFORMATIONAL, "ecs:DescribeClusters was denied");
    }
}
