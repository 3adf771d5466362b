package io.execready.checks.iam;

import static io.execready.fixtures.CheckResultAssertions.assertResult;
import static io.execready.fixtures.TaskSnapshotFixture.TASK_ID;
import static io.execready.fixtures.TaskSnapshotFixture.TASK_ROLE_ARN;
import static org.assertj.core.api.Assertions.assertThat;

import io.execready.engine.CauseResource;
import io.execready.engine.CheckResult;
import io.execready.engine.CheckStatus;
import io.execready.engine.Severity;
import io.execready.fixtures.ReadFailures;
import io.execready.fixtures.TaskSnapshotFixture;
import io.execready.snapshot.ActionDecision;
import io.execready.snapshot.PolicyDecision;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskRoleSsmMessagesCheckTest {

    private final TaskRoleSsmMessagesCheck check = new TaskRoleSsmMessagesCheck();

    @Test
    void evaluate_whenAllFourActionsAllowed_passes() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask().build());

        assertResult(result, TaskRoleSsmMessagesCheck.DEFINITION, CheckStatus.PASS, Severity.INFORMATIONAL, TASK_ROLE_ARN, TASK_ID);
    }

    @Test
    void evaluate_whenAnActionIsImplicitlyDenied_failsNamingItAndBlamingTheRole() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask()
                .withSsmDecision("ssmmessages:OpenDataChannel", PolicyDecision.IMPLICIT_DENY, null)
                .build());

        assertResult(result, TaskRoleSsmMessagesCheck.DEFINITION, CheckStatus.FAIL, Severity.HIGH,
                TASK_ROLE_ARN, "ssmmessages:OpenDataChannel is implicitly denied (no statement allows it)");
        assertThat(result.message()).doesNotContain("CreateControlChannel");
        assertThat(result.causeResource()).contains(CauseResource.iamRole(TASK_ROLE_ARN));
        assertThat(result.remediation())
                .contains("aws iam put-role-policy --role-name payments-api-task --policy-name ecs-exec-ssmmessages")
                .contains("\"ssmmessages:OpenDataChannel\"");
        assertThat(result.evidence()).containsEntry("ssmmessages:OpenDataChannel", "IMPLICIT_DENY");
    }

    @Test
    void evaluate_whenSeveralActionsDeniedForOneReason_namesThemInOneClause() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask()
                .withSsmDecision("ssmmessages:CreateControlChannel", PolicyDecision.IMPLICIT_DENY, null)
                .withSsmDecision("ssmmessages:OpenControlChannel", PolicyDecision.IMPLICIT_DENY, null)
                .build());

        assertThat(result.message())
                .contains("ssmmessages:CreateControlChannel and ssmmessages:OpenControlChannel are implicitly denied (no statement allows it)")
                .containsOnlyOnce("implicitly denied");
    }

    @Test
    void evaluate_whenAnScpDeniesExplicitly_failsAndAsksToRemoveTheDeny() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask()
                .withSsmDecision("ssmmessages:CreateControlChannel", PolicyDecision.EXPLICIT_DENY, "a service control policy")
                .withSsmDecision("ssmmessages:CreateDataChannel", PolicyDecision.IMPLICIT_DENY, null)
                .build());

        assertResult(result, TaskRoleSsmMessagesCheck.DEFINITION, CheckStatus.FAIL, Severity.HIGH,
                "ssmmessages:CreateControlChannel is explicitly denied by a service control policy",
                "ssmmessages:CreateDataChannel is implicitly denied");
        assertThat(result.remediation())
                .startsWith("Remove the statement that explicitly denies ssmmessages:CreateControlChannel (denied by a service control policy)");
    }

    @Test
    void evaluate_whenPoliciesNeedMissingContext_listsTheKeys() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask()
                .withSsmDecision(new ActionDecision("ssmmessages:OpenControlChannel", "*", PolicyDecision.IMPLICIT_DENY, null,
                        List.of("aws:SourceVpce")))
                .build());

        assertResult(result, TaskRoleSsmMessagesCheck.DEFINITION, CheckStatus.FAIL, Severity.HIGH, "aws:SourceVpce");
    }

    @Test
    void evaluate_whenTaskHasNoRole_isNotApplicablePointingAtTaskRolePresent() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask().withoutTaskRole().build());

        assertResult(result, TaskRoleSsmMessagesCheck.DEFINITION, CheckStatus.NOT_APPLICABLE, Severity.INFORMATIONAL,
                TASK_ID, "task-role-present");
    }

    @Test
    void evaluate_whenRoleUnreadable_isUnknown() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask()
                .withTaskRoleFailed(ReadFailures.denied("ecs:DescribeTaskDefinition", "AccessDeniedException"))
                .build());

        assertResult(result, TaskRoleSsmMessagesCheck.DEFINITION, CheckStatus.UNKNOWN, Severity.INFORMATIONAL,
                "ecs:DescribeTaskDefinition was denied (AccessDeniedException");
    }

    @Test
    void evaluate_whenSimulationDenied_isUnknownAskingForSimulatePrincipalPolicy() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask()
                .withSsmSimulationFailed(ReadFailures.denied("iam:SimulatePrincipalPolicy", "AccessDenied"))
                .build());

        assertResult(result, TaskRoleSsmMessagesCheck.DEFINITION, CheckStatus.UNKNOWN, Severity.INFORMATIONAL,
                TASK_ID, "iam:SimulatePrincipalPolicy was denied (AccessDenied");
        assertThat(result.remediation()).contains("iam:SimulatePrincipalPolicy");
        assertThat(result.causeResource()).contains(CauseResource.iamRole(TASK_ROLE_ARN));
    }

    @Test
    void evaluate_whenSimulationLacksAnAction_isUnknownNamingIt() {
        CheckResult result = check.evaluate(TaskSnapshotFixture.runningFargateTask()
                .withoutSsmDecision("ssmmessages:CreateDataChannel")
                .build());

        assertResult(result, TaskRoleSsmMessagesCheck.DEFINITION, CheckStatus.UNKNOWN, Severity.INFORMATIONAL,
                TASK_ROLE_ARN, "ssmmessages:CreateDataChannel");
        // IAM answered, without a decision: nothing for the operator to grant.
        assertThat(result.remediation()).doesNotContainIgnoringCase("grant");
        assertThat(result.evidence()).containsEntry("failedAction", "iam:SimulatePrincipalPolicy").containsEntry("failureKind", "INVALID_RESPONSE");
    }
}
