package io.execready.aws;

import io.execready.snapshot.ContainerInstance;
import io.execready.snapshot.EcsCluster;
import io.execready.snapshot.EcsService;
import io.execready.snapshot.EcsTask;
import io.execready.snapshot.Fetched;
import io.execready.snapshot.TaskDefinition;
import java.util.List;
import java.util.Map;

/** The ECS reads the checker makes. Every method reports failures as data, never by throwing. */
public interface EcsGateway {

    /** The task definition revision, by ARN or family:revision. */
    Fetched<TaskDefinition> describeTaskDefinition(String taskDefinition);

    /** The cluster with its exec configuration and tags; Absent when it does not exist. */
    Fetched<EcsCluster> describeCluster(String cluster);

    /** The service; Absent when it does not exist or is INACTIVE. */
    Fetched<EcsService> describeService(String cluster, String serviceName);

    /**
     * Tasks by id or ARN, in batches of 100. Every requested task is a key of the result: Absent
     * when ECS reported it missing, Failed when its batch could not be read.
     */
    Map<String, Fetched<EcsTask>> describeTasks(String cluster, List<String> tasks);

    /**
     * The ARNs of the cluster's tasks that ECS still wants running (desired status RUNNING, so
     * PENDING and RUNNING ones), every page of them; an empty list when there are none.
     */
    Fetched<List<String>> listTasks(String cluster, TaskListQuery query);

    /** A task's, cluster's or service's tags, by ARN (ecs:ListTagsForResource). */
    Fetched<Map<String, String>> listTagsForResource(String arn);

    /**
     * Container instances by ARN or id, in batches of 100. Every requested instance is a key of the
     * result: Absent when ECS reported it missing (deregistered), Failed when its batch could not be read.
     */
    Map<String, Fetched<ContainerInstance>> describeContainerInstances(String cluster, List<String> containerInstances);
}
