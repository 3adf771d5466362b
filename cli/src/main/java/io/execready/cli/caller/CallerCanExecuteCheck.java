package io.execready.cli.caller;

import io.execready.checks.iam.OperatorAccess;
import io.execready.checks.iam.SimulatedPermissions;
import io.execready.checks.support.ReadFailureAdvice;
import io.execready.checks.support.UnreadableFact;
import io.execready.checks.support.Wording;
import io.execready.engine.Check;
import io.execready.engine.CheckDefinition;
import io.execready.engine.OperatorError;
import io.execready.engine.CheckResult;
import io.execready.snapshot.EcsCluster;
import io.execready.snapshot.EvaluatedTask;
import io.execready.snapshot.ExecPermissions;
import io.execready.snapshot.Fetched;
import io.execready.snapshot.PermissionAssessment;
import io.execready.snapshot.ReadFailure;
import io.execready.snapshot.TaskSnapshot;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Whether the person at the terminal may run execute-command on the task: their principal is
 * simulated exactly as a configured operator is (ecs:ExecuteCommand on the task and the cluster with
 * the request's context, kms:GenerateDataKey on the exec key), the loader being given the caller as
 * its one operator. What the reference script does, with the context it leaves out.
 */
public final class CallerCanExecuteCheck implements Check {

    public static final CheckDefinition DEFINITION = CheckDefinition.of(
            "caller-can-execute",
            "You may run execute-command on the task",
            "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html#ecs-exec-required-iam-permissions")
            .failingWith(OperatorError.ACCESS_DENIED);

    private final Fetched<String> caller;

    /** @param caller the caller's principal ARN as {@link CallerIdentity} read it */
    public CallerCanExecuteCheck(Fetched<String> caller) {
        this.caller = Objects.requireNonNull(caller, "caller");
    }

    @Override
    public CheckDefinition definition() {
        return DEFINITION;
    }

    @Override
    public CheckResult evaluate(TaskSnapshot snapshot) {
        return switch (caller) {
            case Fetched.Failed<String> failed -> ReadFailureAdvice.withEvidence(DEFINITION.unknown(
                    "Could not tell whether you may run aws ecs execute-command on " + Wording.task(snapshot.target())
                            + " because reading who you are failed: " + failed.failure().describe() + ".",
                    ReadFailureAdvice.remediation(List.of(failed.failure()), "run aws sts get-caller-identity with the same credentials")),
                    List.of(failed.failure()));
            case Fetched.Absent<String> absent -> DEFINITION.unknown(
                    "Could not simulate your access to " + Wording.task(snapshot.target()) + " because " + absent.description() + ".",
                    "Run the check as the IAM user or role you open sessions with (--profile).");
            case Fetched.Present<String> present -> UnreadableFact.withCluster(DEFINITION, snapshot,
                    cluster -> judge(snapshot.target(), cluster, present.value(), snapshot.execAccess().operatorExecuteCommand()));
        };
    }

    private static CheckResult judge(EvaluatedTask target, EcsCluster cluster, String principal, List<PermissionAssessment> assessments) {
        List<PermissionAssessment> mine = assessments.stream().filter(a -> a.principalArn().equals(principal)).toList();
        if (mine.isEmpty()) {
            throw new IllegalStateException("the snapshot holds no simulation for the caller " + principal);
        }
        OperatorAccess access = OperatorAccess.of(mine);
        String container = ExecPermissions.operatorContainerName(target.task())
                .map(name -> " (simulated for container " + name + ")").orElse("");
        SimulatedPermissions judged = access.judged().get(principal);
        if (judged != null && !judged.denied().isEmpty()) {
            return DEFINITION.fail("You (" + principal + ") cannot run aws ecs execute-command on " + Wording.task(target) + container
                                    + ": " + judged.describeDenied() + ".",
                            Wording.capitalised(judged.remediation(principal, "ecs-exec-operator", mine.getFirst().needs())) + ".")
                    .withCause(SimulatedPermissions.cause(principal))
                    .withEvidence(principal, "DENIED");
        }
        Map<String, ReadFailure> unreadable = access.unreadableOrIncomplete();
        if (!unreadable.isEmpty()) {
            return UnreadableFact.OPERATOR_PERMISSIONS.unknownPerPrincipal(DEFINITION, target, unreadable);
        }
        String key = cluster.kmsKeyId() == null || cluster.kmsKeyId().isBlank() ? "" : " and kms:GenerateDataKey on the cluster's exec key";
        return DEFINITION.pass("You (" + principal + ") may run aws ecs execute-command on " + Wording.task(target) + container
                + ", being allowed ecs:ExecuteCommand on the task and the cluster" + key + ".");
    }
}
