package io.execready.aws;

import io.execready.snapshot.Fetched;
import io.execready.snapshot.LogGroup;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;

/** The CloudWatch Logs reads the checker makes. */
public final class LogsReads {

    /**
     * The log group of exactly this name with its KMS key; Absent when there is none. DescribeLogGroups
     * filters by prefix only, so {@code /ecs/exec} also lists {@code /ecs/exec-old}: pages are read
     * until the exact name turns up or the groups run out.
     */
    public static final AwsRead<String, LogGroup> LOG_GROUP = AwsRead.of("logs:DescribeLogGroups", CloudWatchLogsClient.class, LogsReads::logGroup);

    private LogsReads() {
    }

    private static Fetched<LogGroup> logGroup(CloudWatchLogsClient logs, String logGroupName) {
        return logs.describeLogGroupsPaginator(r -> r.logGroupNamePrefix(logGroupName))
                .logGroups().stream()
                .filter(group -> logGroupName.equals(group.logGroupName()))
                .findFirst()
                .<Fetched<LogGroup>>map(group -> Fetched.present(new LogGroup(group.logGroupName(), group.kmsKeyId())))
                .orElseGet(() -> Fetched.absent("log group " + logGroupName + " does not exist"));
    }
}
