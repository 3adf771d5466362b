package io.execready.checks.iam;

import io.execready.checks.audit.AuditDestinations;
import io.execready.checks.support.UnreadableFact;
import io.execready.checks.support.Wording;
import io.execready.engine.Check;
import io.execready.engine.CheckDefinition;
import io.execready.engine.CheckResult;
import io.execready.engine.OperatorError;
import io.execready.snapshot.EcsCluster;
import io.execready.snapshot.TaskSnapshot;

/**
 * When the cluster uploads session logs to an S3 bucket (OVERRIDE), the exec agent looks up the
 * bucket's region (s3:GetBucketLocation, which the reference script does not check), reads its
 * encryption when the cluster asks for encrypted uploads, and puts objects under the key prefix,
 * all with the task role's credentials.
 */
public final class TaskRoleAuditLogS3Check implements Check {

    public static final CheckDefinition DEFINITION = CheckDefinition.of(
            "task-role-audit-log-s3",
            "Task role may upload ECS Exec session logs to S3",
            "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html#ecs-exec-required-iam-permissions")
            .failingWith(OperatorError.SESSION_CLOSES_AT_ONCE);

    @Override
    public CheckDefinition definition() {
        return DEFINITION;
    }

    @Override
    public CheckResult evaluate(TaskSnapshot snapshot) {
        return UnreadableFact.withCluster(DEFINITION, snapshot, cluster -> evaluate(snapshot, cluster));
    }

    private static CheckResult evaluate(TaskSnapshot snapshot, EcsCluster cluster) {
        if (!AuditDestinations.logsToS3(cluster)) {
            return DEFINITION.notApplicable("Cluster " + snapshot.task().clusterName()
                    + " does not upload ECS Exec session logs to S3, so " + Wording.taskName(snapshot.target()) + " needs no S3 permissions for them.");
        }
        String bucket = cluster.logging().s3BucketName();
        return TaskRoleAccess.evaluate(DEFINITION, snapshot, snapshot.execAccess().taskRoleS3AuditLog(), UnreadableFact.TASK_ROLE_S3_AUDIT_LOG,
                        "upload ECS Exec session logs to S3 bucket " + bucket,
                        "the exec agent cannot record sessions in bucket " + bucket,
                        "ecs-exec-audit-log-s3")
                .withEvidence("s3BucketName", bucket);
    }
}
