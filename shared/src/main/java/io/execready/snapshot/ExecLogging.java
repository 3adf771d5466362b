package io.execready.snapshot;

/**
 * Where a cluster sends ECS Exec session logs ({@code executeCommandConfiguration}).
 *
 * @param mode                        NONE, DEFAULT or OVERRIDE; null when the cluster has no setting
 * @param cloudWatchLogGroupName      the log group for OVERRIDE, or null
 * @param cloudWatchEncryptionEnabled whether sessions require an encrypted log group
 * @param s3BucketName                the bucket for OVERRIDE, or null
 * @param s3KeyPrefix                 the key prefix, or null
 * @param s3EncryptionEnabled         whether sessions require an encrypted bucket
 */
public record ExecLogging(
        String mode,
        String cloudWatchLogGroupName,
        boolean cloudWatchEncryptionEnabled,
        String s3BucketName,
        String s3KeyPrefix,
        boolean s3EncryptionEnabled) {
}
