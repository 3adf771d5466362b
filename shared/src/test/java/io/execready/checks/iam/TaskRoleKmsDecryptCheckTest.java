package io.execready.checks.iam;

import static io.execready.fixtures.CheckResultAssertions.assertResult;
import static io.execready.fixtures.TaskSnapshotFixture.EXEC_KEY_ARN;
import static io.execready.fixtures.TaskSnapshotFixture.TASK_ID;
import static io.execready.fixtures.TaskSnapshotFixture.TASK_ROLE_ARN;
import static org.assertj.core.api.Assertions.assertThat;

import io.execready.engine.CauseResource;
import io.execready.engine.CheckResult;
import io.execready.engine.CheckStatus;
import io.execready.engine.Severity;
import io.execready.fixtures.ReadFailures;
import io.execready.fixtures.TaskSnapshotFixture;
import io.execready.snapshot.PolicyDecision;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskRoleKmsDecryptCheckTest {

    private final TaskRoleKmsDecryptCheck check = new TaskRoleKmsDecryptCheck();

    @Test
    void evaluate_whenRoleMayDecryptWithTheKey_passes() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.fullyConfiguredFargateTask().build());

        assertResult(result, TaskRoleKmsDecryptCheck.DEFINITION, CheckStatus.PASS, Severity.INFORMATIONAL,
                TASK_ROLE_ARN, TASK_ID, "kms:Decrypt", EXEC_KEY_ARN);
        assertThat(result.evidence()).containsEntry("kmsKeyId", EXEC_KEY_ARN);
    }

    @Test
    void evaluate_whenDecryptImplicitlyDenied_failsNamingActionKeyAndHow() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.fullyConfiguredFargateTask()
                .withTaskRoleDecision("kms:Decrypt", PolicyDecision.IMPLICIT_DENY, (String) null)
                .build());

        assertResult(result, TaskRoleKmsDecryptCheck.DEFINITION, CheckStatus.FAIL, Severity.HIGH,
                TASK_ROLE_ARN, "kms:Decrypt on " + EXEC_KEY_ARN + " is implicitly denied (no statement allows it)");
        assertThat(result.causeResource()).contains(CauseResource.iamRole(TASK_ROLE_ARN));
        assertThat(result.remediation()).startsWith("Allow kms:Decrypt with aws iam put-role-policy --role-name payments-api-task")
                .contains("{\"Effect\":\"Allow\",\"Action\":[\"kms:Decrypt\"],\"Resource\":\"" + EXEC_KEY_ARN + "\"}");
        assertThat(result.evidence()).containsEntry("kms:Decrypt", "IMPLICIT_DENY");
    }

    @Test
    void evaluate_whenBoundaryDeniesExplicitly_failsNamingTheBoundaryAndAsksToRemoveTheDeny() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.fullyConfiguredFargateTask()
                .withTaskRoleDecision("kms:Decrypt", PolicyDecision.EXPLICIT_DENY, "the permissions boundary")
                .build());

        assertResult(result, TaskRoleKmsDecryptCheck.DEFINITION, CheckStatus.FAIL, Severity.HIGH,
                "is explicitly denied by the permissions boundary");
        assertThat(result.remediation()).startsWith("Remove the statement that explicitly denies kms:Decrypt on " + EXEC_KEY_ARN
                + " (denied by the permissions boundary)");
    }

    @Test
    void evaluate_whenPoliciesNeedContextTheSimulationLacked_listsTheKeys() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.fullyConfiguredFargateTask()
                .withTaskRoleDecision("kms:Decrypt", PolicyDecision.IMPLICIT_DENY, List.of("kms:ViaService"))
                .build());

        assertResult(result, TaskRoleKmsDecryptCheck.DEFINITION, CheckStatus.FAIL, Severity.HIGH,
                "the policies need context values kms:ViaService");
    }

    @Test
    void evaluate_whenClusterSetsNoKey_isNotApplicable() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask().build());

        assertResult(result, TaskRoleKmsDecryptCheck.DEFINITION, CheckStatus.NOT_APPLICABLE, Severity.INFORMATIONAL, "Cluster prod", TASK_ID);
    }

    @Test
    void evaluate_whenTaskHasNoRole_isNotApplicablePointingAtTaskRolePresent() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.fullyConfiguredFargateTask().withoutTaskRole().build());

        assertResult(result, TaskRoleKmsDecryptCheck.DEFINITION, CheckStatus.NOT_APPLICABLE, Severity.INFORMATIONAL, TASK_ID, "task-role-present");
    }

    @Test
    void evaluate_whenSimulationDenied_isUnknownAskingForSimulatePrincipalPolicy() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.fullyConfiguredFargateTask()
                .withTaskRoleAccessFailed(ReadFailures.denied("iam:SimulatePrincipalPolicy", "AccessDenied"))
                .build());

        assertResult(result, TaskRoleKmsDecryptCheck.DEFINITION, CheckStatus.UNKNOWN, Severity.INFORMATIONAL,
                TASK_ID, "the task role's kms:Decrypt permission", "iam:SimulatePrincipalPolicy was denied (AccessDenied");
        assertThat(result.remediation()).contains("Grant the ExecReady checker's role iam:SimulatePrincipalPolicy");
        assertThat(result.causeResource()).contains(CauseResource.iamRole(TASK_ROLE_ARN));
    }

    @Test
    void evaluate_whenAliasCouldNotBeResolved_isUnknownAskingForDescribeKey() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.fullyConfiguredFargateTask()
                .withTaskRoleAccessFailed(ReadFailures.denied("kms:DescribeKey", "AccessDeniedException"))
                .build());

        assertResult(result, TaskRoleKmsDecryptCheck.DEFINITION, CheckStatus.UNKNOWN, Severity.INFORMATIONAL, "kms:DescribeKey was denied");
        assertThat(result.remediation()).contains("Grant the ExecReady checker's role kms:DescribeKey");
    }

    @Test
    void evaluate_whenSimulationLacksTheAction_isUnknownNamingIt() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.fullyConfiguredFargateTask().withoutTaskRoleDecision("kms:Decrypt").build());

        assertResult(result, TaskRoleKmsDecryptCheck.DEFINITION, CheckStatus.UNKNOWN, Severity.INFORMATIONAL,
                TASK_ROLE_ARN, "no decision for kms:Decrypt on " + EXEC_KEY_ARN);
    }

    @Test
    void evaluate_whenRoleUnreadable_isUnknown() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.fullyConfiguredFargateTask()
                .withTaskRoleFailed(ReadFailures.denied("ecs:DescribeTaskDefinition", "AccessDeniedException"))
                .build());

        assertResult(result, TaskRoleKmsDecryptCheck.DEFINITION, CheckStatus.UNKNOWN, Severity.INFORMATIONAL,
                "ecs:DescribeTaskDefinition was denied (AccessDeniedException");
    }

    @Test
    void evaluate_whenClusterUnreadable_isUnknown() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.fullyConfiguredFargateTask()
                .withClusterFailed(ReadFailures.denied("ecs:DescribeClusters", "AccessDeniedException"))
                .build());

        assertResult(result, TaskRoleKmsDecryptCheck.DEFINITION, CheckStatus.UNKNOWN, Severity.INFORMATIONAL,
                "ecs:DescribeClusters was denied (AccessDeniedException");
    }
}
