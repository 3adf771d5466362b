package io.execready.checks.iam;

import io.execready.checks.support.ShellWords;
import io.execready.checks.support.ReadFailureAdvice;
import io.execready.checks.support.UnreadableFact;
import io.execready.checks.support.Wording;
import io.execready.engine.CauseResource;
import io.execready.engine.Check;
import io.execready.engine.CheckDefinition;
import io.execready.engine.CheckResult;
import io.execready.engine.OperatorError;
import io.execready.snapshot.ActionDecision;
import io.execready.snapshot.EcsTask;
import io.execready.snapshot.EvaluatedTask;
import io.execready.snapshot.ExecPermissions;
import io.execready.snapshot.Fetched;
import io.execready.snapshot.PermissionSimulation;
import io.execready.snapshot.PolicyDecision;
import io.execready.snapshot.TaskRole;
import io.execready.snapshot.TaskSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The exec agent opens its control and data channels through ssmmessages with the task role; each
 * of the four actions must be allowed as IAM evaluates it (identity policies, boundary, SCPs).
 * Without a task role there is nothing to simulate: that is task-role-present's FAIL, not a second
 * one here.
 */
public final class TaskRoleSsmMessagesCheck implements Check {

    public static final CheckDefinition DEFINITION = CheckDefinition.of(
            "task-role-ssmmessages",
            "Task role allows the ssmmessages actions ECS Exec needs",
            "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html#ecs-exec-required-iam-permissions")
            .failingWith(OperatorError.TARGET_NOT_CONNECTED);

    static final List<String> ACTIONS = ExecPermissions.TASK_ROLE_SSM_MESSAGES;

    @Override
    public CheckDefinition definition() {
        return DEFINITION;
    }

    @Override
    public CheckResult evaluate(TaskSnapshot snapshot) {
        EcsTask task = snapshot.task();
        return switch (snapshot.taskRole()) {
            case Fetched.Absent<TaskRole> absent -> DEFINITION.notApplicable(
                    Wording.capitalised(Wording.task(snapshot.target()))
                            + " has no task role whose ssmmessages permissions could be evaluated (see task-role-present).");
            case Fetched.Failed<TaskRole> failed -> UnreadableFact.TASK_ROLE.unknown(DEFINITION, snapshot.target(), failed);
            case Fetched.Present<TaskRole> present -> evaluate(snapshot.target(), present.value(), snapshot.taskRoleSsmMessages());
        };
    }

    private static CheckResult evaluate(EvaluatedTask target, TaskRole role, Fetched<PermissionSimulation> simulation) {
        EcsTask task = target.task();
        return switch (simulation) {
            case Fetched.Failed<PermissionSimulation> failed -> UnreadableFact.TASK_ROLE_SSM_MESSAGES.unknown(DEFINITION, target, failed)
                    .withCause(CauseResource.iamRole(role.roleArn()));
            case Fetched.Absent<PermissionSimulation> absent -> ReadFailureAdvice.unknown(DEFINITION,
                            "No ssmmessages simulation was made for role " + role.roleArn() + " of " + Wording.task(target) + ": "
                                    + Wording.clause(absent.description()) + ".",
                            ReadFailureAdvice.simulationWithoutDecision(Wording.clause(absent.description())), "evaluate the task again")
                    .withCause(CauseResource.iamRole(role.roleArn()));
            case Fetched.Present<PermissionSimulation> present -> judge(target, role, present.value());
        };
    }

    private static CheckResult judge(EvaluatedTask target, TaskRole role, PermissionSimulation simulation) {
        EcsTask task = target.task();
        List<ActionDecision> denied = new ArrayList<>();
        List<String> notSimulated = new ArrayList<>();
        for (String action : ACTIONS) {
            Optional<ActionDecision> decision = simulation.decision(action);
            if (decision.isEmpty()) {
                notSimulated.add(action);
            } else if (!decision.get().allowed()) {
                denied.add(decision.get());
            }
        }
        CauseResource cause = CauseResource.iamRole(role.roleArn());
        if (!denied.isEmpty()) {
            String deniedText = groupedDenials(denied);
            String missingText = notSimulated.isEmpty() ? "" : "; " + Wording.list(notSimulated) + " could not be simulated";
            CheckResult result = DEFINITION.fail(
                    "For role " + role.roleArn() + " of " + Wording.task(target) + ", " + deniedText + missingText
                            + ", so the exec agent cannot open its session channels.",
                    remediation(role, denied)).withCause(cause);
            for (ActionDecision decision : denied) {
                result = result.withEvidence(decision.action(), decision.decision().name());
            }
            return result;
        }
        if (!notSimulated.isEmpty()) {
            return ReadFailureAdvice.unknown(DEFINITION,
                            "The simulation for role " + role.roleArn() + " of " + Wording.task(target) + " has no decision for "
                                    + Wording.list(notSimulated) + ".",
                            ReadFailureAdvice.simulationWithoutDecision("no decision for " + Wording.list(notSimulated)), "evaluate the task again")
                    .withCause(cause);
        }
        return DEFINITION.pass("Role " + role.roleArn() + " of " + Wording.task(target) + " is allowed all four ssmmessages actions.")
                .withEvidence("roleArn", role.roleArn());
    }

    /** "A and B are implicitly denied (...); C is explicitly denied by an SCP": one clause per distinct reason. */
    private static String groupedDenials(List<ActionDecision> denied) {
        Map<String, List<String>> actionsByReason = new LinkedHashMap<>();
        for (ActionDecision decision : denied) {
            actionsByReason.computeIfAbsent(decision.describeDenial(), reason -> new ArrayList<>()).add(decision.action());
        }
        return actionsByReason.entrySet().stream()
                .map(e -> Wording.list(e.getValue()) + (e.getValue().size() == 1 ? " is " : " are ") + e.getKey())
                .collect(Collectors.joining("; "));
    }

    /**
     * An implicit deny needs an allowing policy on the role; an explicit deny needs the denying
     * statement gone (in the role's policies, its permissions boundary or an SCP), which no added
     * allow can override.
     */
    private static String remediation(TaskRole role, List<ActionDecision> denied) {
        List<String> explicit = denied.stream()
                .filter(d -> d.decision() == PolicyDecision.EXPLICIT_DENY)
                .map(d -> d.deniedBy() == null ? d.action() : d.action() + " (denied by " + d.deniedBy() + ")")
                .toList();
        String allow = "aws iam put-role-policy --role-name " + ShellWords.quote(Wording.roleName(role.roleArn()))
                + " --policy-name ecs-exec-ssmmessages --policy-document '{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":["
                + ACTIONS.stream().map(a -> "\"" + a + "\"").collect(Collectors.joining(",")) + "],\"Resource\":\"*\"}]}'";
        if (explicit.isEmpty()) {
            return "Allow the four ssmmessages actions on \"*\" for the role with " + allow + ".";
        }
        return "Remove the statement that explicitly denies " + Wording.list(explicit)
                + ", since no added allow overrides an explicit deny, and make sure the role is allowed the four actions, as with " + allow + ".";
    }
}
