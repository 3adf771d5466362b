package io.execready.snapshot;

import java.util.List;
import java.util.Objects;

/**
 * Everything the service checks may ask about one service, gathered once. The service itself is
 * always known (it is what is being evaluated); what depends on further reads is a {@link Fetched}.
 * Its task definition, cluster and network are judged by the preflight, on the task it starts next.
 *
 * @param service        the service as ecs:DescribeServices reported it
 * @param primaryTasks   the RUNNING tasks started by the PRIMARY deployment; Absent when the service
 *                       reports no PRIMARY deployment, Failed when they could not be listed or described
 */
public record ServiceSnapshot(
        EcsService service,
        Fetched<List<EcsTask>> primaryTasks) {

    public ServiceSnapshot {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(primaryTasks, "primaryTasks");
    }

    /** The subject the service's findings belong to, the same one its tasks publish under. */
    public Subject subject() {
        return Subject.service(service.clusterArn(), service.serviceName());
    }

    public String clusterName() {
        return Arn.parse(service.clusterArn()).map(Arn::resourceName).orElse(service.clusterArn());
    }
}
