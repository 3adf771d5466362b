package io.execready.publish;

import io.execready.snapshot.Arn;
import io.execready.snapshot.EcsTask;
import java.util.Objects;

/**
 * Where a task's findings live: the partition, region and account of the task's own ARN. Never a
 * default partition, so findings from aws-cn and aws-us-gov land in their own Security Hub.
 *
 * @param partition    aws, aws-cn, aws-us-gov, ...
 * @param region       the task's region
 * @param awsAccountId the task's account, which must also be the account that imports the finding
 */
public record FindingScope(String partition, String region, String awsAccountId) {

    public FindingScope {
        requireNonBlank(partition, "partition");
        requireNonBlank(region, "region");
        requireNonBlank(awsAccountId, "awsAccountId");
    }

    /** The scope of a task, read from its ARN. */
    public static FindingScope of(EcsTask task) {
        Arn arn = task.arn();
        return new FindingScope(arn.partition(), arn.region(), arn.accountId());
    }

    /** The account's default product, the one custom findings are imported into. */
    public String productArn() {
        return "arn:" + partition + ":securityhub:" + region + ":" + awsAccountId + ":product/" + awsAccountId + "/default";
    }

    private static void requireNonBlank(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
