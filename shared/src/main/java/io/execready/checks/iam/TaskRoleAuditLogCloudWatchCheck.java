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
 * When the cluster sends session logs to a CloudWatch Logs group of its own (OVERRIDE), the exec
 * agent finds the group with logs:DescribeLogGroups and writes a stream per session with the task
 * role's credentials.
 */
public final class TaskRoleAuditLogCloudWatchCheck implements Check {

    public static final CheckDefinition DEFINITION = CheckDefinition.of(
            "task-role-audit-log-cloudwatch",
            "Task role may write ECS Exec session logs to CloudWatch Logs",
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
        if (!AuditDestinations.logsToCloudWatch(cluster)) {
            return DEFINITION.notApplicable("Cluster " + snapshot.task().clusterName()
                    + " does not send ECS Exec session logs to a CloudWatch Logs group of its own, so "
                    + Wording.taskName(snapshot.target()) + " needs no logs permissions for them.");
        }
        String group = cluster.logging().cloudWatchLogGroupName();
        return TaskRoleAccess.evaluate(DEFINITION, snapshot, snapshot.execAccess().taskRoleCloudWatchAuditLog(),
                        UnreadableFact.TASK_ROLE_CLOUDWATCH_AUDIT_LOG,
                        "write ECS Exec session logs to CloudWatch Logs group " + group,
                        "the exec agent cannot record sessions in log group " + group,
                        "ecs-exec-audit-log-cloudwatch")
                .withEvidence("logGroupName", group);
    }
}
