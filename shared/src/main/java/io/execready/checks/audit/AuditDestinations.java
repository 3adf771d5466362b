package io.execready.checks.audit;

import io.execready.checks.support.ShellWords;
import io.execready.snapshot.EcsCluster;
import io.execready.snapshot.ExecLogging;
import java.util.Locale;

/** Where a cluster's ECS Exec settings send session logs: a log group or bucket of its own only with OVERRIDE. */
public final class AuditDestinations {

    private AuditDestinations() {
    }

    public static boolean override(EcsCluster cluster) {
        String mode = cluster.logging().mode();
        return mode != null && "OVERRIDE".equals(mode.strip().toUpperCase(Locale.ROOT));
    }

    public static boolean logsToCloudWatch(EcsCluster cluster) {
        return override(cluster) && present(cluster.logging().cloudWatchLogGroupName());
    }

    public static boolean logsToS3(EcsCluster cluster) {
        return override(cluster) && present(cluster.logging().s3BucketName());
    }

    /**
     * The update-cluster command that sets the cluster's whole executeCommandConfiguration (the API
     * replaces it as a whole), keeping its logging settings and putting {@code kmsKeyId} in.
     */
    public static String updateKmsKeyCommand(EcsCluster cluster, String clusterName, String kmsKeyId) {
        ExecLogging logging = cluster.logging();
        StringBuilder configuration = new StringBuilder("kmsKeyId=").append(kmsKeyId);
        if (logging.mode() != null) {
            configuration.append(",logging=").append(logging.mode());
        }
        StringBuilder log = new StringBuilder();
        if (present(logging.cloudWatchLogGroupName())) {
            log.append("cloudWatchLogGroupName=").append(logging.cloudWatchLogGroupName())
                    .append(",cloudWatchEncryptionEnabled=").append(logging.cloudWatchEncryptionEnabled());
        }
        if (present(logging.s3BucketName())) {
            log.append(log.isEmpty() ? "" : ",").append("s3BucketName=").append(logging.s3BucketName())
                    .append(present(logging.s3KeyPrefix()) ? ",s3KeyPrefix=" + logging.s3KeyPrefix() : "")
                    .append(",s3EncryptionEnabled=").append(logging.s3EncryptionEnabled());
        }
        if (!log.isEmpty()) {
            configuration.append(",logConfiguration={").append(log).append('}');
        }
        return "aws ecs update-cluster --cluster " + ShellWords.quote(clusterName) + " --configuration "
                + ShellWords.quote("executeCommandConfiguration={" + configuration + "}");
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
