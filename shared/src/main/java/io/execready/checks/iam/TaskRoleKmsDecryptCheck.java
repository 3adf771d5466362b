package io.execready.checks.iam;

import io.execready.checks.support.UnreadableFact;
import io.execready.checks.support.Wording;
import io.execready.engine.Check;
import io.execready.engine.CheckDefinition;
import io.execready.engine.CheckResult;
import io.execready.engine.OperatorError;
import io.execready.snapshot.EcsCluster;
import io.execready.snapshot.TaskSnapshot;

/**
 * With a cluster exec key, the exec agent decrypts each session's data key with it: the task role
 * needs kms:Decrypt on the key, as IAM evaluates it (identity policies, boundary, SCPs). The key
 * policy, which can also deny, is not part of the simulation.
 */
public final class TaskRoleKmsDecryptCheck implements Check {

    public static final CheckDefinition DEFINITION = CheckDefinition.of(
            "task-role-kms-decrypt",
            "Task role may decrypt with the cluster's ECS Exec KMS key",
            "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html#ecs-exec-required-iam-permissions")
            .failingWith(OperatorError.KMS_HANDSHAKE);

    @Override
    public CheckDefinition definition() {
        return DEFINITION;
    }

    @Override
    public CheckResult evaluate(TaskSnapshot snapshot) {
        return UnreadableFact.withCluster(DEFINITION, snapshot, cluster -> evaluate(snapshot, cluster));
    }

    private static CheckResult evaluate(TaskSnapshot snapshot, EcsCluster cluster) {
        if (cluster.kmsKeyId() == null || cluster.kmsKeyId().isBlank()) {
            return DEFINITION.notApplicable("Cluster " + snapshot.task().clusterName()
                    + " sets no ECS Exec KMS key, so " + Wording.taskName(snapshot.target()) + " needs no kms:Decrypt.");
        }
        return TaskRoleAccess.evaluate(DEFINITION, snapshot, snapshot.execAccess().taskRoleKmsDecrypt(), UnreadableFact.TASK_ROLE_KMS_DECRYPT,
                        "decrypt ECS Exec session data with key " + cluster.kmsKeyId(),
                        "the exec agent cannot decrypt session data and sessions fail to start",
                        "ecs-exec-kms-decrypt")
                .withEvidence("kmsKeyId", cluster.kmsKeyId());
    }
}
