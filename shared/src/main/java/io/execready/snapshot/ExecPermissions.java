package io.execready.snapshot;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The IAM actions ECS Exec needs, named once for the loader that simulates them and the checks that judge them. */
public final class ExecPermissions {

    /** What the exec agent in the task calls to open its control and data channels. */
    public static final List<String> TASK_ROLE_SSM_MESSAGES = List.of(
            "ssmmessages:CreateControlChannel",
            "ssmmessages:CreateDataChannel",
            "ssmmessages:OpenControlChannel",
            "ssmmessages:OpenDataChannel");

    public static final String KMS_DECRYPT = "kms:Decrypt";
    public static final String KMS_GENERATE_DATA_KEY = "kms:GenerateDataKey";
    public static final String LOGS_DESCRIBE_LOG_GROUPS = "logs:DescribeLogGroups";
    /** What the agent calls on the session log group's streams. */
    public static final List<String> LOGS_ON_LOG_GROUP = List.of("logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents");
    public static final String S3_PUT_OBJECT = "s3:PutObject";
    public static final String S3_GET_BUCKET_LOCATION = "s3:GetBucketLocation";
    public static final String S3_GET_ENCRYPTION_CONFIGURATION = "s3:GetEncryptionConfiguration";
    public static final String ECS_EXECUTE_COMMAND = "ecs:ExecuteCommand";
    public static final String SSM_START_SESSION = "ssm:StartSession";

    private ExecPermissions() {
    }

    /** The task role decrypts session data with the cluster's key. */
    public static List<PermissionNeed> taskRoleKmsDecrypt(String keyArn) {
        return List.of(new PermissionNeed(KMS_DECRYPT, keyArn));
    }

    /** The agent finds the session log group, then writes a stream per session into it. */
    public static List<PermissionNeed> taskRoleCloudWatchAuditLog(Arn task, String logGroupName) {
        List<PermissionNeed> needs = new ArrayList<>();
        needs.add(new PermissionNeed(LOGS_DESCRIBE_LOG_GROUPS, "*"));
        String streams = ExecResourceArns.logGroupStreams(task, logGroupName);
        LOGS_ON_LOG_GROUP.forEach(action -> needs.add(new PermissionNeed(action, streams)));
        return List.copyOf(needs);
    }

    /**
     * The agent uploads session logs under the prefix, finds the bucket's region first and, when the
     * cluster asks for encrypted uploads, reads the bucket's encryption settings.
     */
    public static List<PermissionNeed> taskRoleS3AuditLog(Arn task, ExecLogging logging) {
        List<PermissionNeed> needs = new ArrayList<>();
        needs.add(new PermissionNeed(S3_PUT_OBJECT, ExecResourceArns.bucketObjects(task, logging.s3BucketName(), logging.s3KeyPrefix())));
        needs.add(new PermissionNeed(S3_GET_BUCKET_LOCATION, "*"));
        if (logging.s3EncryptionEnabled()) {
            needs.add(new PermissionNeed(S3_GET_ENCRYPTION_CONFIGURATION, ExecResourceArns.bucket(task, logging.s3BucketName())));
        }
        return List.copyOf(needs);
    }

    /**
     * ECS authorises execute-command against both the task and its cluster; with an exec key, the
     * caller also generates the session's data key.
     *
     * @param keyArn the cluster's exec key, or null when it has none
     */
    public static List<PermissionNeed> operatorExecuteCommand(EcsTask task, String keyArn) {
        List<PermissionNeed> needs = new ArrayList<>();
        needs.add(new PermissionNeed(ECS_EXECUTE_COMMAND, task.taskArn()));
        needs.add(new PermissionNeed(ECS_EXECUTE_COMMAND, ExecResourceArns.cluster(task)));
        if (keyArn != null) {
            needs.add(new PermissionNeed(KMS_GENERATE_DATA_KEY, keyArn));
        }
        return List.copyOf(needs);
    }

    /** A session opened with ssm:StartSession straight to the task, bypassing execute-command and its logging. */
    public static List<PermissionNeed> operatorStartSession(EcsTask task) {
        return List.of(new PermissionNeed(SSM_START_SESSION, task.taskArn()));
    }

    /**
     * The container an operator's execute-command is simulated for ({@code ecs:container-name}):
     * the first container that reports an exec agent, else the first container. One container
     * stands for the task so that each operator costs one simulation per resource, not one per
     * container; a policy that allows some containers and not others is judged on this one.
     */
    public static Optional<String> operatorContainerName(EcsTask task) {
        return task.containers().stream()
                .filter(c -> c.executeCommandAgent().isPresent())
                .map(TaskContainer::name)
                .findFirst()
                .or(() -> task.containers().stream().map(TaskContainer::name).findFirst());
    }
}
