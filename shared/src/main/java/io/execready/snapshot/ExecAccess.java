package io.execready.snapshot;

import io.execready.policy.PolicyDocument;
import java.util.List;
import java.util.Objects;

/**
 * What ECS Exec sessions on a task depend on beyond the task itself: the cluster's exec KMS key,
 * the audit log destinations, and what the task role and the configured operators are allowed.
 * Each fact is Absent when the cluster does not use it (no key, no such log destination, no task
 * role); the checks read the cluster's configuration to tell that apart from a key or destination
 * that is configured but does not exist.
 *
 * @param execKmsKey                 kms:DescribeKey of the cluster's {@code kmsKeyId}; Absent without a key or when KMS has no such key
 * @param auditLogGroup              the OVERRIDE log group; Absent when not configured or when it does not exist
 * @param auditBucket                the OVERRIDE bucket; Absent when not configured or when it does not exist
 * @param taskRoleKmsDecrypt         the task role's kms:Decrypt on the key
 * @param taskRoleCloudWatchAuditLog the task role's logs permissions for the log group
 * @param taskRoleS3AuditLog         the task role's s3 permissions for the bucket
 * @param operatorExecuteCommand     one assessment per configured operator: execute-command on the task; empty when no operator is configured
 * @param operatorStartSession       one assessment per configured operator: ssm:StartSession on the task; empty when no operator is configured
 * @param execKeyPolicy              kms:GetKeyPolicy of the exec key; Absent without a key
 * @param auditBucketPolicy          s3:GetBucketPolicy of the OVERRIDE bucket; Absent when not configured or when the bucket has no policy
 */
public record ExecAccess(
        Fetched<KmsKey> execKmsKey,
        Fetched<LogGroup> auditLogGroup,
        Fetched<S3Bucket> auditBucket,
        Fetched<PermissionAssessment> taskRoleKmsDecrypt,
        Fetched<PermissionAssessment> taskRoleCloudWatchAuditLog,
        Fetched<PermissionAssessment> taskRoleS3AuditLog,
        List<PermissionAssessment> operatorExecuteCommand,
        List<PermissionAssessment> operatorStartSession,
        Fetched<PolicyDocument> execKeyPolicy,
        Fetched<PolicyDocument> auditBucketPolicy) {

    public ExecAccess {
        Objects.requireNonNull(execKmsKey, "execKmsKey");
        Objects.requireNonNull(auditLogGroup, "auditLogGroup");
        Objects.requireNonNull(auditBucket, "auditBucket");
        Objects.requireNonNull(taskRoleKmsDecrypt, "taskRoleKmsDecrypt");
        Objects.requireNonNull(taskRoleCloudWatchAuditLog, "taskRoleCloudWatchAuditLog");
        Objects.requireNonNull(taskRoleS3AuditLog, "taskRoleS3AuditLog");
        Objects.requireNonNull(execKeyPolicy, "execKeyPolicy");
        Objects.requireNonNull(auditBucketPolicy, "auditBucketPolicy");
        operatorExecuteCommand = List.copyOf(operatorExecuteCommand);
        operatorStartSession = List.copyOf(operatorStartSession);
    }

    /**
     * Every fact Failed with {@code failure}: the cluster, which all of them depend on, could not be
     * read. The loader and the test fixtures both build it here, so a new fact is failed in one place.
     *
     * @param operatorExecuteCommand one assessment per configured operator, each already Failed
     * @param operatorStartSession   one assessment per configured operator, each already Failed
     */
    public static ExecAccess unread(ReadFailure failure, List<PermissionAssessment> operatorExecuteCommand,
                                    List<PermissionAssessment> operatorStartSession) {
        return new ExecAccess(Fetched.failed(failure), Fetched.failed(failure), Fetched.failed(failure),
                Fetched.failed(failure), Fetched.failed(failure), Fetched.failed(failure),
                operatorExecuteCommand, operatorStartSession,
                Fetched.failed(failure), Fetched.failed(failure));
    }
}
