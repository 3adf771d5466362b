package io.execready.checks.audit;

import io.execready.checks.support.ShellWords;
import io.execready.checks.support.UnreadableFact;
import io.execready.checks.support.Wording;
import io.execready.engine.CauseResource;
import io.execready.engine.Check;
import io.execready.engine.CheckDefinition;
import io.execready.engine.CheckResult;
import io.execready.engine.OperatorError;
import io.execready.snapshot.Arn;
import io.execready.snapshot.EcsCluster;
import io.execready.snapshot.EcsTask;
import io.execready.snapshot.ExecLogging;
import io.execready.snapshot.ExecResourceArns;
import io.execready.snapshot.Fetched;
import io.execready.snapshot.LogGroup;
import io.execready.snapshot.S3Bucket;
import io.execready.snapshot.TaskSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The log group and bucket the cluster sends sessions to (OVERRIDE) must exist, and must be
 * encrypted when the cluster asks for encrypted logs: otherwise ECS refuses to start sessions,
 * the console saying "encryption is not set up on the selected CloudWatch Logs log group". A
 * destination that is fine does not hide one that is not; one that could not be read makes the
 * result UNKNOWN only when nothing else is wrong.
 */
public final class AuditLogDestinationReadyCheck implements Check {

    public static final CheckDefinition DEFINITION = CheckDefinition.of(
            "audit-log-destination-ready",
            "ECS Exec session log destinations exist and are encrypted as required",
            "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html#ecs-exec-logging")
            .failingWith(OperatorError.SESSION_CLOSES_AT_ONCE);

    /** What the console reports when a session starts against an unencrypted group that must be encrypted. */
    static final String CONSOLE_ENCRYPTION_MESSAGE = "encryption is not set up on the selected CloudWatch Logs log group";

    @Override
    public CheckDefinition definition() {
        return DEFINITION;
    }

    @Override
    public CheckResult evaluate(TaskSnapshot snapshot) {
        return UnreadableFact.withCluster(DEFINITION, snapshot, cluster -> evaluate(snapshot, cluster));
    }

    /** A reason sessions cannot be logged, how to fix it, and the resource to blame. */
    private record Problem(String description, String remedy, CauseResource cause) {
    }

    private static CheckResult evaluate(TaskSnapshot snapshot, EcsCluster cluster) {
        EcsTask task = snapshot.task();
        boolean cloudWatch = AuditDestinations.logsToCloudWatch(cluster);
        boolean s3 = AuditDestinations.logsToS3(cluster);
        if (!cloudWatch && !s3) {
            return DEFINITION.notApplicable("Cluster " + task.clusterName()
                    + " names no log group or bucket of its own for ECS Exec session logs, so there is no destination to check for "
                    + Wording.taskName(snapshot.target()) + ".");
        }
        ExecLogging logging = cluster.logging();
        List<Problem> problems = new ArrayList<>();
        List<String> ready = new ArrayList<>();
        Map<UnreadableFact, Fetched.Failed<?>> unread = new LinkedHashMap<>();
        if (cloudWatch) {
            switch (snapshot.execAccess().auditLogGroup()) {
                case Fetched.Present<LogGroup> present -> logGroup(task, logging, present.value(), problems, ready);
                case Fetched.Absent<LogGroup> absent -> problems.add(missingLogGroup(task, logging));
                case Fetched.Failed<LogGroup> failed -> unread.put(UnreadableFact.AUDIT_LOG_GROUP, failed);
            }
        }
        if (s3) {
            switch (snapshot.execAccess().auditBucket()) {
                case Fetched.Present<S3Bucket> present -> bucket(task, logging, present.value(), problems, ready);
                case Fetched.Absent<S3Bucket> absent -> problems.add(missingBucket(task, logging));
                case Fetched.Failed<S3Bucket> failed -> unread.put(UnreadableFact.AUDIT_BUCKET, failed);
            }
        }
        if (!problems.isEmpty()) {
            String unreadText = unread.isEmpty() ? "" : "; " + Wording.list(unread.keySet().stream()
                    .map(f -> f == UnreadableFact.AUDIT_LOG_GROUP ? "the log group" : "the bucket").toList()) + " could not be read";
            return DEFINITION.fail(
                            "ECS Exec sessions on " + Wording.task(snapshot.target()) + " cannot be logged as the cluster requires: "
                                    + String.join("; ", problems.stream().map(Problem::description).toList()) + unreadText + ".",
                            Wording.capitalised(String.join("; ", problems.stream().map(Problem::remedy).toList())) + ".")
                    .withCause(problems.getFirst().cause());
        }
        if (!unread.isEmpty()) {
            return UnreadableFact.unknown(DEFINITION, snapshot.target(), unread);
        }
        return DEFINITION.pass("Cluster " + task.clusterName() + " sends ECS Exec session logs of " + Wording.taskName(snapshot.target()) + " to "
                + Wording.list(ready) + ".");
    }

    private static void logGroup(EcsTask task, ExecLogging logging, LogGroup group, List<Problem> problems, List<String> ready) {
        if (logging.cloudWatchEncryptionEnabled() && !group.encryptedWithKmsKey()) {
            problems.add(new Problem(
                    "CloudWatch Logs group " + group.name() + " has no KMS key although the cluster requires encrypted session logs, so sessions fail to start (\""
                            + CONSOLE_ENCRYPTION_MESSAGE + "\")",
                    "associate a key with the group with aws logs associate-kms-key --log-group-name " + ShellWords.quote(group.name()) + " --kms-key-id "
                            + keyPlaceholder(task) + " (a key whose policy allows logs." + task.arn().region() + ".amazonaws.com)",
                    new CauseResource.LogGroup(logGroupArn(task, group.name()), group.name(), group.kmsKeyId())));
            return;
        }
        ready.add("CloudWatch Logs group " + group.name() + (group.encryptedWithKmsKey() ? " (encrypted with " + group.kmsKeyId() + ")" : ""));
    }

    private static Problem missingLogGroup(EcsTask task, ExecLogging logging) {
        String name = logging.cloudWatchLogGroupName();
        String key = logging.cloudWatchEncryptionEnabled() ? " --kms-key-id " + keyPlaceholder(task) : "";
        return new Problem("CloudWatch Logs group " + name + " does not exist",
                "create the group with aws logs create-log-group --log-group-name " + ShellWords.quote(name) + key,
                new CauseResource.LogGroup(logGroupArn(task, name), name, null));
    }

    private static void bucket(EcsTask task, ExecLogging logging, S3Bucket bucket, List<Problem> problems, List<String> ready) {
        if (logging.s3EncryptionEnabled() && !bucket.encrypted()) {
            problems.add(new Problem(
                    "S3 bucket " + bucket.name() + " has no default encryption although the cluster requires encrypted session logs",
                    "turn on default encryption with aws s3api put-bucket-encryption --bucket " + ShellWords.quote(bucket.name())
                            + " --server-side-encryption-configuration '{\"Rules\":[{\"ApplyServerSideEncryptionByDefault\":{\"SSEAlgorithm\":\"AES256\"}}]}'",
                    bucketCause(task, bucket.name())));
            return;
        }
        ready.add("S3 bucket " + bucket.name() + (bucket.encrypted() ? " (encrypted with " + bucket.encryptionAlgorithm() + ")" : ""));
    }

    private static Problem missingBucket(EcsTask task, ExecLogging logging) {
        String name = logging.s3BucketName();
        String region = task.arn().region();
        String location = "us-east-1".equals(region) ? "" : " --create-bucket-configuration LocationConstraint=" + region;
        return new Problem("S3 bucket " + name + " does not exist",
                "create the bucket with aws s3api create-bucket --bucket " + ShellWords.quote(name) + location,
                bucketCause(task, name));
    }

    private static String logGroupArn(EcsTask task, String name) {
        return task.arn().sibling("logs", "log-group:" + name).toString();
    }

    private static CauseResource bucketCause(EcsTask task, String name) {
        return new CauseResource.S3Bucket(ExecResourceArns.bucket(task.arn(), name), name);
    }

    private static String keyPlaceholder(EcsTask task) {
        Arn arn = task.arn();
        return arn.sibling("kms", "key/KEY_ID").toString();
    }
}
