package io.execready.snapshot;

import java.util.Map;
import java.util.Objects;

/**
 * The task's cluster: its exec configuration and tags.
 *
 * @param clusterArn the cluster ARN
 * @param kmsKeyId   the key ECS Exec encrypts session data with, or null
 * @param logging    the session logging settings
 * @param tags       the cluster's tags
 */
public record EcsCluster(String clusterArn, String kmsKeyId, ExecLogging logging, Map<String, String> tags) {

    public EcsCluster {
        Objects.requireNonNull(clusterArn, "clusterArn");
        logging = logging == null ? new ExecLogging(null, null, false, null, null, false) : logging;
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }
}
