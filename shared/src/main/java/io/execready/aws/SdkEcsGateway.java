package io.execready.aws;

import io.execready.snapshot.ContainerInstance;
import io.execready.snapshot.EcsCluster;
import io.execready.snapshot.EcsService;
import io.execready.snapshot.EcsTask;
import io.execready.snapshot.FailureKind;
import io.execready.snapshot.Fetched;
import io.execready.snapshot.ReadFailure;
import io.execready.snapshot.TaskDefinition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ClusterField;
import software.amazon.awssdk.services.ecs.model.DescribeClustersResponse;
import software.amazon.awssdk.services.ecs.model.DescribeContainerInstancesResponse;
import software.amazon.awssdk.services.ecs.model.DescribeServicesResponse;
import software.amazon.awssdk.services.ecs.model.DescribeTasksResponse;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskField;

/** {@link EcsGateway} over the AWS SDK's ECS client. */
public final class SdkEcsGateway implements EcsGateway {

    static final int DESCRIBE_TASKS_BATCH = 100;
    static final int DESCRIBE_CONTAINER_INSTANCES_BATCH = 100;

    /** The {@code failures[].reason} ECS gives for a resource that does not exist. */
    static final String MISSING = "MISSING";
    private final Supplier<EcsClient> ecs;
    private final ReadCache cache;

    /** A gateway that remembers nothing: every call reads. */
    public SdkEcsGateway(EcsClient ecs) {
        this(ecs, ReadCache.none());
    }

    /** Shares the configuration reads through {@code cache}; task reads always go through. */
    public SdkEcsGateway(EcsClient ecs, ReadCache cache) {
        this(() -> ecs, cache);
        Objects.requireNonNull(ecs, "ecs");
    }

    /**
     * A gateway over a client built by {@code ecs} on the first read that needs it (the
     * {@link AwsClients} supplier memoizes it): building a client loads and verifies its whole service
     * class, which a cold start should pay only when an event needs it.
     */
    public SdkEcsGateway(Supplier<EcsClient> ecs, ReadCache cache) {
        this.ecs = Objects.requireNonNull(ecs, "ecs");
        this.cache = Objects.requireNonNull(cache, "cache");
    }

    @Override
    public Fetched<TaskDefinition> describeTaskDefinition(String taskDefinition) {
        return cache.read("ecs:DescribeTaskDefinition", taskDefinition, () -> Fetched.present(EcsModelMapper.taskDefinition(
                ecs.get().describeTaskDefinition(r -> r.taskDefinition(taskDefinition)).taskDefinition())));
    }

    @Override
    public Fetched<EcsCluster> describeCluster(String cluster) {
        return cache.read("ecs:DescribeClusters", cluster, () -> {
            DescribeClustersResponse response = ecs.get().describeClusters(r -> r.clusters(cluster)
                    .include(ClusterField.CONFIGURATIONS, ClusterField.TAGS));
            if (response.clusters().isEmpty()) {
                return notReturned("ecs:DescribeClusters", "cluster " + cluster, response.failures());
            }
            return Fetched.present(EcsModelMapper.cluster(response.clusters().getFirst()));
        });
    }

    @Override
    public Fetched<EcsService> describeService(String cluster, String serviceName) {
        return cache.read("ecs:DescribeServices", List.of(cluster, serviceName), () -> {
            DescribeServicesResponse response = ecs.get().describeServices(r -> r.cluster(cluster).services(serviceName));
            return response.services().stream()
                    .filter(s -> !"INACTIVE".equals(s.status()))
                    .findFirst()
                    .<Fetched<EcsService>>map(s -> Fetched.present(EcsModelMapper.service(s)))
                    .orElseGet(() -> Fetched.absent("service " + serviceName + " does not exist in cluster " + cluster));
        });
    }

    @Override
    public Map<String, Fetched<EcsTask>> describeTasks(String cluster, List<String> tasks) {
        Map<String, Fetched<EcsTask>> results = new LinkedHashMap<>();
        for (int from = 0; from < tasks.size(); from += DESCRIBE_TASKS_BATCH) {
            List<String> batch = tasks.subList(from, Math.min(tasks.size(), from + DESCRIBE_TASKS_BATCH));
            try {
                DescribeTasksResponse response = ecs.get().describeTasks(r -> r.cluster(cluster).tasks(batch).include(TaskField.TAGS));
                for (String requested : batch) {
                    results.put(requested, found(requested, response));
                }
            } catch (SdkException e) {
                ReadFailure failure = AwsReads.failure("ecs:DescribeTasks", e);
                batch.forEach(requested -> results.put(requested, Fetched.failed(failure)));
            }
        }
        return results;
    }

    @Override
    public Fetched<List<String>> listTasks(String cluster, TaskListQuery query) {
        return AwsReads.read("ecs:ListTasks", () -> Fetched.present(ecs.get().listTasksPaginator(r -> r.cluster(cluster)
                        .family(query.family())
                        .startedBy(query.startedBy())
                        .serviceName(query.serviceName())
                        .desiredStatus(DesiredStatus.RUNNING))
                .taskArns().stream().toList()));
    }

    @Override
    public Fetched<Map<String, String>> listTagsForResource(String arn) {
        return AwsReads.read("ecs:ListTagsForResource", () -> Fetched.present(
                EcsModelMapper.tags(ecs.get().listTagsForResource(r -> r.resourceArn(arn)).tags())));
    }

    /** Tasks of one EC2 instance share it, so a batch evaluation reads each instance once. */
    @Override
    public Map<String, Fetched<ContainerInstance>> describeContainerInstances(String cluster, List<String> containerInstances) {
        if (containerInstances.size() != 1) {
            return readContainerInstances(cluster, containerInstances);
        }
        String instance = containerInstances.getFirst();
        return Map.of(instance, cache.get(List.of("ecs:DescribeContainerInstances", cluster, instance),
                () -> readContainerInstances(cluster, containerInstances).get(instance)));
    }

    private Map<String, Fetched<ContainerInstance>> readContainerInstances(String cluster, List<String> containerInstances) {
        Map<String, Fetched<ContainerInstance>> results = new LinkedHashMap<>();
        for (int from = 0; from < containerInstances.size(); from += DESCRIBE_CONTAINER_INSTANCES_BATCH) {
            List<String> batch = containerInstances.subList(from, Math.min(containerInstances.size(), from + DESCRIBE_CONTAINER_INSTANCES_BATCH));
            try {
                DescribeContainerInstancesResponse response = ecs.get().describeContainerInstances(r -> r.cluster(cluster).containerInstances(batch));
                for (String requested : batch) {
                    results.put(requested, foundInstance(requested, cluster, response));
                }
            } catch (SdkException e) {
                ReadFailure failure = AwsReads.failure("ecs:DescribeContainerInstances", e);
                batch.forEach(requested -> results.put(requested, Fetched.failed(failure)));
            }
        }
        return results;
    }

    private static Fetched<ContainerInstance> foundInstance(String requested, String cluster, DescribeContainerInstancesResponse response) {
        String requestedId = lastSegment(requested);
        return response.containerInstances().stream()
                .filter(c -> c.containerInstanceArn() != null && lastSegment(c.containerInstanceArn()).equals(requestedId))
                .findFirst()
                .<Fetched<ContainerInstance>>map(c -> Fetched.present(EcsModelMapper.containerInstance(c)))
                .orElseGet(() -> notReturned("ecs:DescribeContainerInstances",
                        "container instance " + requestedId + " in cluster " + lastSegment(cluster),
                        response.failures().stream().filter(f -> f.arn() != null && lastSegment(f.arn()).equals(requestedId)).toList()));
    }

    private static String lastSegment(String arnOrId) {
        return arnOrId.substring(arnOrId.lastIndexOf('/') + 1);
    }

    private static Fetched<EcsTask> found(String requested, DescribeTasksResponse response) {
        for (Task task : response.tasks()) {
            if (task.taskArn().equals(requested) || task.taskArn().endsWith("/" + requested)) {
                return Fetched.present(EcsModelMapper.task(task));
            }
        }
        List<Failure> failures = response.failures().stream()
                .filter(f -> f.arn() != null && (f.arn().equals(requested) || f.arn().endsWith("/" + requested)))
                .toList();
        return notReturned("ecs:DescribeTasks", "task " + requested, failures);
    }

    /**
     * What a describe call's {@code failures[]} says about a resource it did not return: MISSING (or
     * no entry at all) means it does not exist; any other reason is a failed read, not an absence.
     */
    private static <T> Fetched<T> notReturned(String action, String resource, List<Failure> failures) {
        if (failures.isEmpty()) {
            return Fetched.absent(resource + " was not found (not returned)");
        }
        Failure failure = failures.getFirst();
        if (MISSING.equals(failure.reason())) {
            return Fetched.absent(resource + " was not found (" + MISSING + ")");
        }
        String detail = resource + ": " + failure.reason() + (failure.detail() == null ? "" : " (" + failure.detail() + ")");
        return Fetched.failed(new ReadFailure(action, FailureKind.REJECTED, detail));
    }
}
