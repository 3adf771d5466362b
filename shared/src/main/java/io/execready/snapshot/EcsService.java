package io.execready.snapshot;

import java.util.Objects;

/**
 * The service that owns a task, as far as ECS Exec cares.
 *
 * @param serviceArn           the service ARN
 * @param serviceName          the service name
 * @param clusterArn           the cluster ARN
 * @param enableExecuteCommand whether new tasks of the service start with ECS Exec on
 * @param primaryDeploymentId  the id of the PRIMARY deployment ({@code ecs-svc/...}), or null
 * @param taskDefinitionArn    the task definition of the primary deployment
 * @param status               ACTIVE, DRAINING, INACTIVE
 */
public record EcsService(
        String serviceArn,
        String serviceName,
        String clusterArn,
        boolean enableExecuteCommand,
        String primaryDeploymentId,
        String taskDefinitionArn,
        String status) {

    public EcsService {
        Objects.requireNonNull(serviceArn, "serviceArn");
        Objects.requireNonNull(serviceName, "serviceName");
    }
}
