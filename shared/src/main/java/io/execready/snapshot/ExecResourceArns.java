package io.execready.snapshot;

import java.util.Optional;

/**
 * The ARNs ECS Exec's calls touch, built from the task's own ARN so that partition, region and
 * account are right in every partition (aws, aws-cn, aws-us-gov), never assumed.
 */
public final class ExecResourceArns {

    private ExecResourceArns() {
    }

    /** The cluster's ARN; a task may name its cluster by name alone, which is then made an ARN in the task's account. */
    public static String cluster(EcsTask task) {
        String cluster = task.clusterArn();
        if (Arn.parse(cluster).isPresent()) {
            return cluster;
        }
        return task.arn().sibling("ecs", "cluster/" + cluster).toString();
    }

    /** {@code arn:P:logs:R:A:log-group:NAME:*}: the group's streams, which CreateLogStream and PutLogEvents act on. */
    public static String logGroupStreams(Arn task, String logGroupName) {
        return task.sibling("logs", "log-group:" + logGroupName + ":*").toString();
    }

    /** {@code arn:P:s3:::BUCKET}; S3 ARNs name no region or account. */
    public static String bucket(Arn task, String bucketName) {
        return new Arn(task.partition(), "s3", "", "", bucketName).toString();
    }

    /** {@code arn:P:s3:::BUCKET/PREFIX*}: the objects ECS Exec uploads session logs as. */
    public static String bucketObjects(Arn task, String bucketName, String keyPrefix) {
        return new Arn(task.partition(), "s3", "", "", bucketName + "/" + (keyPrefix == null ? "" : keyPrefix) + "*").toString();
    }

    /**
     * The key's ARN when it can be known without asking KMS: a key ARN as given, or a bare key id made
     * an ARN in the task's partition, region and account. Empty for an alias, which only
     * kms:DescribeKey can resolve.
     */
    public static Optional<String> kmsKey(Arn task, String kmsKeyId) {
        if (kmsKeyId == null || kmsKeyId.isBlank()) {
            return Optional.empty();
        }
        Optional<Arn> arn = Arn.parse(kmsKeyId);
        if (arn.isPresent()) {
            return arn.get().resource().startsWith("key/") ? Optional.of(kmsKeyId) : Optional.empty();
        }
        return kmsKeyId.startsWith("alias/") ? Optional.empty() : Optional.of(task.sibling("kms", "key/" + kmsKeyId).toString());
    }
}
