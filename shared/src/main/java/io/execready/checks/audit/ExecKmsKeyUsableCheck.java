package io.execready.checks.audit;

import io.execready.checks.support.ShellWords;
import io.execready.checks.support.UnreadableFact;
import io.execready.checks.support.Wording;
import io.execready.engine.CauseResource;
import io.execready.engine.Check;
import io.execready.engine.CheckDefinition;
import io.execready.engine.CheckResult;
import io.execready.engine.OperatorError;
import io.execready.snapshot.EcsCluster;
import io.execready.snapshot.EcsTask;
import io.execready.snapshot.EvaluatedTask;
import io.execready.snapshot.Fetched;
import io.execready.snapshot.KmsKey;
import io.execready.snapshot.TaskSnapshot;

/**
 * A cluster exec key must be Enabled: ECS encrypts every session with it, so a disabled key, one
 * pending deletion or one that is gone stops all sessions in the cluster. A DescribeKey that is
 * denied (the key policy may not let the checker read the key) is UNKNOWN, never a verdict.
 */
public final class ExecKmsKeyUsableCheck implements Check {

    public static final CheckDefinition DEFINITION = CheckDefinition.of(
            "exec-kms-key-usable",
            "The cluster's ECS Exec KMS key is enabled",
            "https://docs.aws.amazon.com/kms/latest/developerguide/key-state.html")
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
        EcsTask task = snapshot.task();
        String keyId = cluster.kmsKeyId();
        if (keyId == null || keyId.isBlank()) {
            return DEFINITION.notApplicable("Cluster " + task.clusterName() + " sets no ECS Exec KMS key, so there is no key to check for "
                    + Wording.taskName(snapshot.target()) + ".");
        }
        CheckResult result = switch (snapshot.execAccess().execKmsKey()) {
            case Fetched.Present<KmsKey> present -> judge(snapshot.target(), cluster, keyId, present.value());
            case Fetched.Absent<KmsKey> absent -> DEFINITION.fail(
                            "The ECS Exec KMS key " + keyId + " of cluster " + task.clusterName() + " does not exist, so sessions on "
                                    + Wording.taskName(snapshot.target()) + " fail to start.",
                            "Point the cluster at an enabled key with " + AuditDestinations.updateKmsKeyCommand(cluster, task.clusterName(), "KEY_ARN")
                                    + ", where KEY_ARN is a symmetric key in " + task.arn().region() + ".")
                    .withCause(CauseResource.kmsKey(keyId));
            case Fetched.Failed<KmsKey> failed -> UnreadableFact.EXEC_KMS_KEY.unknown(DEFINITION, snapshot.target(), failed)
                    .withCause(CauseResource.kmsKey(keyId));
        };
        return result.withEvidence("kmsKeyId", keyId);
    }

    private static CheckResult judge(EvaluatedTask target, EcsCluster cluster, String keyId, KmsKey key) {
        EcsTask task = target.task();
        CauseResource cause = CauseResource.kmsKey(key.keyArn());
        if (key.enabled()) {
            return DEFINITION.pass("The ECS Exec KMS key " + key.keyArn() + " of cluster " + task.clusterName() + " is Enabled.")
                    .withCause(cause)
                    .withEvidence("keyState", key.keyState());
        }
        String replace = "point the cluster at an enabled key with " + AuditDestinations.updateKmsKeyCommand(cluster, task.clusterName(), "KEY_ARN");
        String remediation = switch (key.keyState()) {
            case "Disabled" -> "Enable the key with aws kms enable-key --key-id " + ShellWords.quote(key.keyArn()) + ", or " + replace + ".";
            case "PendingDeletion", "PendingReplicaDeletion" -> "Cancel the deletion with aws kms cancel-key-deletion --key-id " + ShellWords.quote(key.keyArn())
                    + " and enable the key with aws kms enable-key --key-id " + ShellWords.quote(key.keyArn()) + ", or " + replace + ".";
            default -> "Bring the key back to Enabled (aws kms describe-key --key-id " + ShellWords.quote(key.keyArn()) + " shows why it is "
                    + key.keyState() + "), or " + replace + ".";
        };
        return DEFINITION.fail(
                        "The ECS Exec KMS key " + key.keyArn() + " of cluster " + task.clusterName() + " is " + key.keyState()
                                + ", not Enabled, so sessions on " + Wording.taskName(target) + " fail to start.",
                        remediation)
                .withCause(cause)
                .withEvidence("keyState", key.keyState());
    }
}
