package io.execready.aws;

import io.execready.snapshot.Fetched;
import io.execready.snapshot.LogGroup;

/** The CloudWatch Logs read the checker makes. Failures come back as data, never thrown. */
public interface LogsGateway {

    /** The log group of exactly this name with its KMS key (logs:DescribeLogGroups); Absent when there is none. */
    Fetched<LogGroup> describeLogGroup(String logGroupName);
}
