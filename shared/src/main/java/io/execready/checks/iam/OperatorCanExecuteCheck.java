package io.execready.checks.iam;

import io.execready.checks.support.UnreadableFact;
import io.execready.checks.support.Wording;
import io.execready.engine.Check;
import io.execready.engine.CheckDefinition;
import io.execready.engine.CheckResult;
import io.execready.engine.OperatorError;
import io.execready.snapshot.EcsCluster;
import io.execready.snapshot.EcsTask;
import io.execready.snapshot.EvaluatedTask;
import io.execready.snapshot.ExecPermissions;
import io.execready.snapshot.PermissionAssessment;
import io.execready.snapshot.ReadFailure;
import io.execready.snapshot.TaskSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every configured operator must be allowed ecs:ExecuteCommand on the task and on its cluster,
 * with the context the request carries (region, cluster, task, container, resource tags), and
 * kms:GenerateDataKey on the cluster's exec key when there is one. The reference script simulates
 * whoever runs it instead. The container in the context is the one
 * {@link ExecPermissions#operatorContainerName} picks; the message names it.
 */
public final class OperatorCanExecuteCheck implements Check {

    public static final CheckDefinition DEFINITION = CheckDefinition.of(
            "operator-can-execute",
            "Configured operators may run execute-command on the task",
            "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html")
            .failingWith(OperatorError.ACCESS_DENIED);

    @Override
    public CheckDefinition definition() {
        return DEFINITION;
    }

    @Override
    public CheckResult evaluate(TaskSnapshot snapshot) {
        List<PermissionAssessment> operators = snapshot.execAccess().operatorExecuteCommand();
        if (operators.isEmpty()) {
            return DEFINITION.notApplicable("No operator principals are configured (OPERATOR_PRINCIPAL_ARNS), so nobody's access to "
                    + Wording.task(snapshot.target()) + " is checked.");
        }
        return UnreadableFact.withCluster(DEFINITION, snapshot, cluster -> evaluate(snapshot.target(), cluster, operators));
    }

    private static CheckResult evaluate(EvaluatedTask target, EcsCluster cluster, List<PermissionAssessment> operators) {
        EcsTask task = target.task();
        OperatorAccess access = OperatorAccess.of(operators);
        String container = ExecPermissions.operatorContainerName(task).map(name -> " (simulated for container " + name + ")").orElse("");
        List<PermissionAssessment> denied = operators.stream()
                .filter(operator -> access.judged().containsKey(operator.principalArn())
                        && !access.judged().get(operator.principalArn()).denied().isEmpty())
                .toList();
        List<String> deniedOperators = denied.stream().map(PermissionAssessment::principalArn).toList();
        List<String> deniedText = new ArrayList<>();
        List<String> remedies = new ArrayList<>();
        for (PermissionAssessment operator : denied) {
            SimulatedPermissions judged = access.judged().get(operator.principalArn());
            // With several operators, each denial and fix says whose it is.
            String whose = denied.size() == 1 ? "" : "for " + operator.principalArn() + ", ";
            deniedText.add(whose + judged.describeDenied());
            String remedy = judged.remediation(operator.principalArn(), "ecs-exec-operator", operator.needs());
            remedies.add(whose.isEmpty() ? remedy : whose + SimulatedPermissions.lowerFirst(remedy));
        }
        Map<String, ReadFailure> unreadable = access.unreadableOrIncomplete();
        if (!deniedOperators.isEmpty()) {
            String unreadText = unreadable.isEmpty() ? "" : "; the permissions of " + Wording.list(List.copyOf(unreadable.keySet()))
                    + " could not be read (" + OperatorAccess.describeUnreadable(unreadable) + ")";
            CheckResult result = DEFINITION.fail(
                            (deniedOperators.size() == 1 ? "Operator " : "Operators ") + Wording.list(deniedOperators)
                                    + " cannot run aws ecs execute-command on " + Wording.task(target) + container + ": "
                                    + String.join("; ", deniedText) + unreadText + ".",
                            Wording.capitalised(String.join("; ", remedies)) + ".")
                    .withCause(SimulatedPermissions.cause(deniedOperators.getFirst()));
            for (String principal : deniedOperators) {
                result = result.withEvidence(principal, "DENIED");
            }
            return result;
        }
        if (!unreadable.isEmpty()) {
            return UnreadableFact.OPERATOR_PERMISSIONS.unknownPerPrincipal(DEFINITION, target, unreadable);
        }
        String key = cluster.kmsKeyId() == null || cluster.kmsKeyId().isBlank() ? "" : " and kms:GenerateDataKey on the cluster's exec key";
        return DEFINITION.pass((operators.size() == 1 ? "Operator " : "Operators ")
                + Wording.list(operators.stream().map(PermissionAssessment::principalArn).toList())
                + " may run aws ecs execute-command on " + Wording.task(target) + container
                + ", being allowed ecs:ExecuteCommand on the task and the cluster" + key + ".");
    }
}
