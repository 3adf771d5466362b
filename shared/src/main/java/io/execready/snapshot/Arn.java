package io.execready.snapshot;

import java.util.Objects;
import java.util.Optional;

/**
 * An Amazon Resource Name split into its parts. Partition and region always come from the
 * resource's own ARN, so findings and simulated ARNs are right in aws-cn and aws-us-gov too.
 */
public record Arn(String partition, String service, String region, String accountId, String resource) {

    public Arn {
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(resource, "resource");
    }

    /** Parses {@code arn:partition:service:region:account:resource}; empty when it is not an ARN. */
    public static Optional<Arn> parse(String text) {
        if (text == null || !text.startsWith("arn:")) {
            return Optional.empty();
        }
        String[] parts = text.split(":", 6);
        if (parts.length < 6 || parts[1].isEmpty() || parts[2].isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Arn(parts[1], parts[2], parts[3], parts[4], parts[5]));
    }

    /** The last path segment of the resource part: the name in {@code cluster/NAME} or {@code task/C/ID}. */
    public String resourceName() {
        int slash = resource.lastIndexOf('/');
        return slash < 0 ? resource : resource.substring(slash + 1);
    }

    /** The same partition, region and account, another service and resource. */
    public Arn sibling(String otherService, String otherResource) {
        return new Arn(partition, otherService, region, accountId, otherResource);
    }

    @Override
    public String toString() {
        return "arn:" + partition + ":" + service + ":" + region + ":" + accountId + ":" + resource;
    }
}
