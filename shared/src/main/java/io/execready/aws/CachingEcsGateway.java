package io.execready.aws;

import io.execready.snapshot.ContainerInstance;
import io.execready.snapshot.EcsCluster;
import io.execready.snapshot.EcsService;
import io.execready.snapshot.EcsTask;
import io.execready.snapshot.Fetched;
import io.execready.snapshot.TaskDefinition;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Shares the configuration reads of an {@link EcsGateway} through a {@link ReadCache}; task reads always go through. */
public final class CachingEcsGateway implements EcsGateway {

    private final EcsGateway delegate;
    private final ReadCache cache;

    public CachingEcsGateway(EcsGateway delegate, ReadCache cache) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.cache = Objects.requireNonNull(cache, "cache");
    }

    @Override
    public Fetched<TaskDefinition> describeTaskDefinition(String taskDefinition) {
        return cache.get(List.of("ecs:DescribeTaskDefinition", taskDefinition), () -> delegate.describeTaskDefinition(taskDefinition));
    }

    @Override
    public Fetched<EcsCluster> describeCluster(String cluster) {
        return cache.get(List.of("ecs:DescribeClusters", cluster), () -> delegate.describeCluster(cluster));
    }

    @Override
    public Fetched<EcsService> describeService(String cluster, String serviceName) {
        return cache.get(List.of("ecs:DescribeServices", cluster, serviceName), () -> delegate.describeService(cluster, serviceName));
    }

    @Override
    public Map<String, Fetched<EcsTask>> describeTasks(String cluster, List<String> tasks) {
        return delegate.describeTasks(cluster, tasks);
    }

    @Override
    public Fetched<List<String>> listTasks(String cluster, TaskListQuery query) {
        return delegate.listTasks(cluster, query);
    }

    @Override
    public Fetched<Map<String, String>> listTagsForResource(String arn) {
        return delegate.listTagsForResource(arn);
    }

    /** Tasks of one EC2 instance share it, so a batch evaluation reads each instance once. */
    @Override
    public Map<String, Fetched<ContainerInstance>> describeContainerInstances(String cluster, List<String> containerInstances) {
        if (containerInstances.size() != 1) {
            return delegate.describeContainerInstances(cluster, containerInstances);
        }
        String instance = containerInstances.getFirst();
        return Map.of(instance, cache.get(List.of("ecs:DescribeContainerInstances", cluster, instance),
                () -> delegate.describeContainerInstances(cluster, containerInstances).get(instance)));
    }
}
