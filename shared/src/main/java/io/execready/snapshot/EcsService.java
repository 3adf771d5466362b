package io.execready.snapshot;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

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
 * @param launchType           FARGATE, EC2, EXTERNAL; null when the service uses capacity providers
 * @param platformVersion      the Fargate platform version new tasks get (such as LATEST), or null
 * @param capacityProviders    the capacity providers of the service's strategy, empty when it has none
 * @param network              the awsvpc configuration of new tasks; null for bridge and host mode
 */
public record EcsService(
        String serviceArn,
        String serviceName,
        String clusterArn,
        boolean enableExecuteCommand,
        String primaryDeploymentId,
        String taskDefinitionArn,
        String status,
        String launchType,
        String platformVersion,
        List<String> capacityProviders,
        ServiceNetwork network) {

    public EcsService {
        Objects.requireNonNull(serviceArn, "serviceArn");
        Objects.requireNonNull(serviceName, "serviceName");
        capacityProviders = capacityProviders == null ? List.of() : List.copyOf(capacityProviders);
    }

    /** A service as the task checks see it: its flag, deployment and revision, without launch settings. */
    public static EcsService of(String serviceArn, String serviceName, String clusterArn, boolean enableExecuteCommand,
                                String primaryDeploymentId, String taskDefinitionArn, String status) {
        return new EcsService(serviceArn, serviceName, clusterArn, enableExecuteCommand, primaryDeploymentId, taskDefinitionArn, status,
                null, null, List.of(), null);
    }

    /**
     * Whether the service was deleted: ECS keeps a deleted service DRAINING until its tasks stop,
     * then reports it INACTIVE (which the gateway reads as absent).
     */
    public boolean draining() {
        return "DRAINING".equals(status);
    }

    /** The awsvpc configuration, when the service has one. */
    public Optional<ServiceNetwork> awsvpcNetwork() {
        return Optional.ofNullable(network);
    }
}
