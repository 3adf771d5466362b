package io.execready.checks.iam;

import io.execready.checks.support.UnreadableFact;
import io.execready.checks.support.Wording;
import io.execready.engine.Check;
import io.execready.engine.CheckDefinition;
import io.execready.engine.CheckResult;
import io.execready.snapshot.EcsTask;
import io.execready.snapshot.EvaluatedTask;
import io.execready.snapshot.ExecPermissions;
import io.execready.snapshot.PermissionAssessment;
import io.execready.snapshot.PermissionNeed;
import io.execready.snapshot.ReadFailure;
import io.execready.snapshot.TaskSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Operators should reach containers only through execute-command: ssm:StartSession straight to
 * the task opens a session that ECS does not log or authorise as execute-command. Allowed is a
 * least-privilege WARN; denied (explicitly or for lack of an allow) is the PASS.
 */
public final class OperatorStartSessionRestrictedCheck implements Check {

    public static final CheckDefinition DEFINITION = CheckDefinition.of(
            "operator-start-session-restricted",
            "Configured operators cannot start SSM sessions on the task directly",
            "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html");

    @Override
    public CheckDefinition definition() {
        return DEFINITION;
    }

    @Override
    public CheckResult evaluate(TaskSnapshot snapshot) {
        List<PermissionAssessment> operators = snapshot.execAccess().operatorStartSession();
        if (operators.isEmpty()) {
            return DEFINITION.notApplicable("No operator principals are configured (OPERATOR_PRINCIPAL_ARNS), so nobody's direct session access to "
                    + Wording.task(snapshot.target()) + " is checked.");
        }
        return UnreadableFact.withCluster(DEFINITION, snapshot, cluster -> evaluate(snapshot.target(), operators));
    }

    private static CheckResult evaluate(EvaluatedTask target, List<PermissionAssessment> operators) {
        EcsTask task = target.task();
        OperatorAccess access = OperatorAccess.of(operators);
        List<String> allowed = new ArrayList<>();
        access.judged().forEach((principal, judged) -> {
            if (judged.allAllowed()) {
                allowed.add(principal);
            }
        });
        if (!allowed.isEmpty()) {
            List<PermissionNeed> deny = List.of(new PermissionNeed(ExecPermissions.SSM_START_SESSION,
                    task.arn().sibling("ecs", "task/" + task.clusterName() + "/*").toString()));
            List<String> remedies = allowed.stream()
                    .map(principal -> "for " + principal + " with " + SimulatedPermissions.grantCommand(principal, "deny-direct-ecs-sessions", "Deny", deny))
                    .toList();
            CheckResult result = DEFINITION.warn(
                            (allowed.size() == 1 ? "Operator " : "Operators ") + Wording.list(allowed) + " may call ssm:StartSession on "
                                    + Wording.task(target) + " directly, opening sessions that bypass execute-command and its audit logging.",
                            "Deny direct sessions to the cluster's tasks " + String.join("; ", remedies) + ".")
                    .withCause(SimulatedPermissions.cause(allowed.getFirst()));
            for (String principal : allowed) {
                result = result.withEvidence(principal, "ALLOWED");
            }
            return result;
        }
        Map<String, ReadFailure> unreadable = access.unreadableOrIncomplete();
        if (!unreadable.isEmpty()) {
            return UnreadableFact.OPERATOR_PERMISSIONS.unknownPerPrincipal(DEFINITION, target, unreadable);
        }
        return DEFINITION.pass((operators.size() == 1 ? "Operator " : "No operator of ")
                + Wording.list(operators.stream().map(PermissionAssessment::principalArn).toList())
                + (operators.size() == 1 ? " may not" : " may") + " call ssm:StartSession on " + Wording.task(target)
                + " directly, so sessions go through execute-command.");
    }
}
