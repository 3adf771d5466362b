package io.execready.aws;

import io.execready.snapshot.Fetched;
import io.execready.snapshot.LogGroup;
import java.util.Objects;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;

/**
 * {@link LogsGateway} over the AWS SDK's CloudWatch Logs client. DescribeLogGroups filters by
 * prefix only, so {@code /ecs/exec} also lists {@code /ecs/exec-old}: pages are read until the
 * exact name turns up or the groups run out.
 */
public final class SdkLogsGateway implements LogsGateway {

    private final CloudWatchLogsClient logs;
    private final ReadCache cache;

    /** A gateway that remembers nothing: every call reads. */
    public SdkLogsGateway(CloudWatchLogsClient logs) {
        this(logs, ReadCache.none());
    }

    public SdkLogsGateway(CloudWatchLogsClient logs, ReadCache cache) {
        this.logs = Objects.requireNonNull(logs, "logs");
        this.cache = Objects.requireNonNull(cache, "cache");
    }

    @Override
    public Fetched<LogGroup> describeLogGroup(String logGroupName) {
        return cache.read("logs:DescribeLogGroups", logGroupName, () -> logs.describeLogGroupsPaginator(r -> r.logGroupNamePrefix(logGroupName))
                .logGroups().stream()
                .filter(group -> logGroupName.equals(group.logGroupName()))
                .findFirst()
                .<Fetched<LogGroup>>map(group -> Fetched.present(new LogGroup(group.logGroupName(), group.kmsKeyId())))
                .orElseGet(() -> Fetched.absent("log group " + logGroupName + " does not exist")));
    }
}
