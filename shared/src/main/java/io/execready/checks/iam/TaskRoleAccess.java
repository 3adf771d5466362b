package io.execready.checks.iam;

import io.execready.checks.support.ShellWords;
import io.execready.checks.support.ReadFailureAdvice;
import io.execready.checks.support.UnreadableFact;
import io.execready.checks.support.Wording;
import io.execready.engine.CauseResource;
import io.execready.engine.CheckDefinition;
import io.execready.engine.CheckResult;
import io.execready.snapshot.ActionDecision;
import io.execready.snapshot.EcsTask;
import io.execready.snapshot.EvaluatedTask;
import io.execready.snapshot.Fetched;
import io.execready.snapshot.PermissionAssessment;
import io.execready.snapshot.PermissionNeed;
import io.execready.snapshot.PermissionSimulation;
import io.execready.snapshot.TaskRole;
import io.execready.snapshot.TaskSnapshot;

/**
 * The verdict on one purpose of the task role (decrypting with the exec key, writing session logs),
 * shared by the checks that judge them: no role is task-role-present's FAIL, not another one here;
 * an unreadable role or simulation is UNKNOWN; a denied need is FAIL naming it and how it was
 * denied.
 */
public final class TaskRoleAccess {

    private TaskRoleAccess() {
    }

    /**
     * @param purpose     what the role does with the permissions, to complete "allowed ... to": "decrypt ECS Exec session data with key K"
     * @param consequence what a denial breaks, to complete "so ...": "the exec agent cannot decrypt session data"
     * @param policyName  the inline policy name the remediation puts on the role
     */
    public static CheckResult evaluate(CheckDefinition definition, TaskSnapshot snapshot, Fetched<PermissionAssessment> assessment,
                                UnreadableFact fact, String purpose, String consequence, String policyName) {
        EcsTask task = snapshot.task();
        return switch (snapshot.taskRole()) {
            case Fetched.Absent<TaskRole> absent -> definition.notApplicable(
                    Wording.capitalised(Wording.task(snapshot.target())) + " has no task role whose permissions to "
                            + purpose + " could be evaluated (see task-role-present).");
            case Fetched.Failed<TaskRole> failed -> UnreadableFact.TASK_ROLE.unknown(definition, snapshot.target(), failed);
            case Fetched.Present<TaskRole> present -> evaluate(definition, snapshot, present.value(), assessment, fact, purpose, consequence, policyName);
        };
    }

    private static CheckResult evaluate(CheckDefinition definition, TaskSnapshot snapshot, TaskRole role, Fetched<PermissionAssessment> assessment,
                                        UnreadableFact fact, String purpose, String consequence, String policyName) {
        CauseResource cause = CauseResource.iamRole(role.roleArn());
        return switch (assessment) {
            case Fetched.Failed<PermissionAssessment> failed -> fact.unknown(definition, snapshot.target(), failed).withCause(cause);
            case Fetched.Absent<PermissionAssessment> absent -> notSimulated(definition, snapshot.target(), role, purpose, absent.description()).withCause(cause);
            case Fetched.Present<PermissionAssessment> present -> switch (present.value().simulation()) {
                case Fetched.Failed<PermissionSimulation> failed -> fact.unknown(definition, snapshot.target(), failed).withCause(cause);
                case Fetched.Absent<PermissionSimulation> absent -> notSimulated(definition, snapshot.target(), role, purpose, absent.description()).withCause(cause);
                case Fetched.Present<PermissionSimulation> simulation ->
                        judge(definition, snapshot.target(), role, present.value(), simulation.value(), purpose, consequence, policyName).withCause(cause);
            };
        };
    }

    private static CheckResult judge(CheckDefinition definition, EvaluatedTask target, TaskRole role, PermissionAssessment assessment,
                                     PermissionSimulation simulation, String purpose, String consequence, String policyName) {
        EcsTask task = target.task();
        SimulatedPermissions judged = SimulatedPermissions.judge(assessment.needs(), simulation);
        if (!judged.denied().isEmpty()) {
            String notSimulated = judged.notSimulated().isEmpty() ? "" : "; " + judged.describeNotSimulated() + " could not be simulated";
            CheckResult result = definition.fail(
                    "For role " + role.roleArn() + " of " + Wording.task(target) + ", " + judged.describeDenied() + notSimulated
                            + ", so " + consequence + ".",
                    judged.remediation(role.roleArn(), policyName, assessment.needs()) + ".");
            for (ActionDecision decision : judged.denied()) {
                result = result.withEvidence(decision.action(), decision.decision().name());
            }
            return result;
        }
        if (!judged.notSimulated().isEmpty()) {
            return ReadFailureAdvice.unknown(definition,
                    "The simulation for role " + role.roleArn() + " of " + Wording.task(target) + " has no decision for "
                            + judged.describeNotSimulated() + ".",
                    ReadFailureAdvice.simulationWithoutDecision("no decision for " + judged.describeNotSimulated()), "evaluate the task again");
        }
        return definition.pass("Role " + role.roleArn() + " of " + Wording.task(target) + " is allowed "
                        + Wording.list(assessment.needs().stream().map(PermissionNeed::action).distinct().toList()) + " to " + purpose + ".")
                .withEvidence("roleArn", role.roleArn());
    }

    private static CheckResult notSimulated(CheckDefinition definition, EvaluatedTask target, TaskRole role, String purpose, String why) {
        EcsTask task = target.task();
        return definition.unknown(
                "No simulation of role " + role.roleArn() + "'s permissions to " + purpose + " was made for " + Wording.task(target) + ": "
                        + Wording.clause(why) + ".",
                "Check that the resources the cluster's ECS Exec settings name exist with aws ecs describe-clusters --clusters "
                        + ShellWords.quote(task.clusterName()) + " --query 'clusters[0].configuration.executeCommandConfiguration', then evaluate the task again.");
    }
}
