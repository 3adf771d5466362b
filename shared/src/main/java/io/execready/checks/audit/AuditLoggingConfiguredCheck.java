package io.execready.checks.audit;

import io.execready.checks.support.ShellWords;
import io.execready.checks.support.UnreadableFact;
import io.execready.checks.support.Wording;
import io.execready.engine.Check;
import io.execready.engine.CheckDefinition;
import io.execready.engine.CheckResult;
import io.execready.snapshot.ContainerDefinition;
import io.execready.snapshot.EcsCluster;
import io.execready.snapshot.EcsTask;
import io.execready.snapshot.EvaluatedTask;
import io.execready.snapshot.ExecLogging;
import io.execready.snapshot.TaskDefinition;
import io.execready.snapshot.TaskSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Whether the commands people run through ECS Exec are recorded. DEFAULT (also what ECS applies
 * when the cluster sets no mode) saves sessions only through a container's awslogs driver; NONE
 * saves nothing; OVERRIDE sends them where the cluster says, whose readiness
 * audit-log-destination-ready judges.
 */
public final class AuditLoggingConfiguredCheck implements Check {

    public static final CheckDefinition DEFINITION = CheckDefinition.of(
            "audit-logging-configured",
            "ECS Exec sessions are logged for audit",
            "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html#ecs-exec-logging");

    private static final String AWSLOGS = "awslogs";

    @Override
    public CheckDefinition definition() {
        return DEFINITION;
    }

    @Override
    public CheckResult evaluate(TaskSnapshot snapshot) {
        return UnreadableFact.withCluster(DEFINITION, snapshot, cluster -> evaluate(snapshot, cluster))
                .withEvidence("loggingMode", snapshot.cluster().asOptional()
                        .map(c -> c.logging().mode() == null ? "not set" : c.logging().mode())
                        .orElse("unreadable"));
    }

    private static CheckResult evaluate(TaskSnapshot snapshot, EcsCluster cluster) {
        EcsTask task = snapshot.task();
        ExecLogging logging = cluster.logging();
        String mode = logging.mode() == null ? null : logging.mode().strip().toUpperCase(Locale.ROOT);
        String clusterName = task.clusterName();
        if (mode == null) {
            List<String> awslogs = snapshot.taskDefinition().asOptional().map(AuditLoggingConfiguredCheck::awslogsContainers).orElse(List.of());
            String fallback = awslogs.isEmpty()
                    ? "so sessions fall back to DEFAULT, which saves nothing for " + Wording.task(snapshot.target())
                            + " since none of its containers is known to use the awslogs driver"
                    : "so sessions fall back to DEFAULT and are saved only through the awslogs driver of " + Wording.containers(awslogs);
            return DEFINITION.warn(
                    "Cluster " + clusterName + " sets no ECS Exec logging mode, " + fallback + ".",
                    "Choose where sessions are saved with " + overrideCommand(cluster, clusterName) + ".");
        }
        return switch (mode) {
            case "NONE" -> DEFINITION.warn(
                    "Cluster " + clusterName + " has ECS Exec session logging turned off (NONE), so commands run in "
                            + Wording.taskName(snapshot.target()) + " are not recorded.",
                    "Save sessions to CloudWatch Logs with " + overrideCommand(cluster, clusterName) + ".");
            case "DEFAULT" -> UnreadableFact.withTaskDefinition(DEFINITION, snapshot, td -> defaultMode(snapshot.target(), cluster, td));
            case "OVERRIDE" -> overrideMode(snapshot.target(), cluster);
            default -> DEFINITION.unknown(
                    "Cluster " + clusterName + " reports the unrecognised ECS Exec logging mode " + logging.mode() + ".",
                    "Read it with aws ecs describe-clusters --clusters " + ShellWords.quote(clusterName)
                            + " --query 'clusters[0].configuration.executeCommandConfiguration' and set NONE, DEFAULT or OVERRIDE.");
        };
    }

    private static CheckResult defaultMode(EvaluatedTask target, EcsCluster cluster, TaskDefinition taskDefinition) {
        EcsTask task = target.task();
        String clusterName = task.clusterName();
        List<String> awslogs = awslogsContainers(taskDefinition);
        if (awslogs.isEmpty()) {
            return DEFINITION.warn(
                    "Cluster " + clusterName + " logs ECS Exec sessions with DEFAULT, but no container of "
                            + Wording.taskDefinition(taskDefinition) + " (" + Wording.task(target) + ") uses the awslogs driver, so nothing is saved.",
                    "Send sessions to a log group of their own with " + overrideCommand(cluster, clusterName)
                            + ", or give the containers the awslogs log driver in " + Wording.taskDefinition(taskDefinition) + ".");
        }
        List<String> unlogged = new ArrayList<>();
        for (ContainerDefinition container : taskDefinition.containers()) {
            if (!awslogs.contains(container.name())) {
                unlogged.add(container.name());
            }
        }
        String caveat = unlogged.isEmpty() ? "" : " (sessions in " + Wording.containers(unlogged) + " are not saved)";
        return DEFINITION.pass("Cluster " + clusterName + " logs ECS Exec sessions with DEFAULT through the awslogs driver of "
                + Wording.containers(awslogs) + " in " + Wording.taskDefinition(taskDefinition) + caveat + ".");
    }

    private static CheckResult overrideMode(EvaluatedTask target, EcsCluster cluster) {
        EcsTask task = target.task();
        ExecLogging logging = cluster.logging();
        List<String> destinations = new ArrayList<>();
        if (logging.cloudWatchLogGroupName() != null && !logging.cloudWatchLogGroupName().isBlank()) {
            destinations.add("CloudWatch Logs group " + logging.cloudWatchLogGroupName());
        }
        if (logging.s3BucketName() != null && !logging.s3BucketName().isBlank()) {
            destinations.add("S3 bucket " + logging.s3BucketName());
        }
        if (destinations.isEmpty()) {
            return DEFINITION.warn(
                    "Cluster " + task.clusterName() + " logs ECS Exec sessions with OVERRIDE but names neither a log group nor a bucket, so nothing is saved.",
                    "Name a destination with " + overrideCommand(cluster, task.clusterName()) + ".");
        }
        return DEFINITION.pass("Cluster " + task.clusterName() + " sends ECS Exec session logs of " + Wording.taskName(target) + " to "
                + Wording.list(destinations) + ".");
    }

    private static List<String> awslogsContainers(TaskDefinition taskDefinition) {
        return taskDefinition.containers().stream()
                .filter(c -> AWSLOGS.equals(c.logDriver()))
                .map(ContainerDefinition::name)
                .toList();
    }

    /**
     * update-cluster replaces the whole executeCommandConfiguration, so the command keeps the
     * cluster's KMS key when it has one.
     */
    private static String overrideCommand(EcsCluster cluster, String clusterName) {
        String key = cluster.kmsKeyId() == null ? "" : "kmsKeyId=" + cluster.kmsKeyId() + ",";
        return "aws ecs update-cluster --cluster " + ShellWords.quote(clusterName) + " --configuration "
                + ShellWords.quote("executeCommandConfiguration={" + key + "logging=OVERRIDE,logConfiguration={cloudWatchLogGroupName=/aws/ecs/exec/"
                        + clusterName + "}}")
                + " (after creating that log group and allowing the task role logs:DescribeLogGroups and, on the group, "
                + "logs:CreateLogStream, logs:DescribeLogStreams and logs:PutLogEvents)";
    }
}
