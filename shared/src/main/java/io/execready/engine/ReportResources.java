package io.execready.engine;

import io.execready.snapshot.EcsCluster;
import io.execready.snapshot.EcsService;
import io.execready.snapshot.TaskDefinition;
import io.execready.snapshot.TaskSnapshot;
import java.util.Objects;
import java.util.Optional;

/**
 * The resources a report's findings describe besides the task, as they were read for the
 * evaluation: the service (its exec flag), the cluster (its exec configuration and tags) and the
 * task definition (what the container checks read). What could not be read is simply not known;
 * the checks already said so in their verdicts.
 */
public final class ReportResources {

    public static final ReportResources NONE = new ReportResources(null, null, null);

    private final EcsService service;
    private final EcsCluster cluster;
    private final TaskDefinition taskDefinition;

    private ReportResources(EcsService service, EcsCluster cluster, TaskDefinition taskDefinition) {
        this.service = service;
        this.cluster = cluster;
        this.taskDefinition = taskDefinition;
    }

    /** What the snapshot read; {@code service} is the owning service, or the one whose next task this is. */
    public static ReportResources of(TaskSnapshot snapshot) {
        EcsService service = snapshot.owningService().asOptional().orElse(null);
        return new ReportResources(service, snapshot.cluster().asOptional().orElse(null), snapshot.taskDefinition().asOptional().orElse(null));
    }

    /** The same, with the service named (a service's own report always knows its service). */
    public ReportResources withService(EcsService knownService) {
        return new ReportResources(Objects.requireNonNull(knownService, "knownService"), cluster, taskDefinition);
    }

    public Optional<EcsService> service() {
        return Optional.ofNullable(service);
    }

    public Optional<EcsCluster> cluster() {
        return Optional.ofNullable(cluster);
    }

    public Optional<TaskDefinition> taskDefinition() {
        return Optional.ofNullable(taskDefinition);
    }
}
