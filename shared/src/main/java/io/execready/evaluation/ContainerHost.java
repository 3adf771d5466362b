package io.execready.evaluation;

import io.execready.aws.Ec2Reads;
import io.execready.aws.EcsGateway;
import io.execready.snapshot.ContainerInstance;
import io.execready.snapshot.Ec2Instance;
import io.execready.snapshot.EcsTask;
import io.execready.snapshot.FailureKind;
import io.execready.snapshot.Fetched;
import io.execready.snapshot.ReadFailure;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * The instance an EC2 or EXTERNAL task runs on. The container instance is read at once (agent
 * version and OS for every such task); the EC2 instance behind it only when someone asks (the
 * subnet of a bridge or host mode task, the instance profile of a task without a task role), and
 * then once.
 */
final class ContainerHost {

    private final EcsTask task;
    private final AsyncReads reads;
    private final CompletableFuture<Fetched<ContainerInstance>> containerInstance;
    private CompletableFuture<Fetched<Ec2Instance>> ec2Instance;

    private ContainerHost(EcsTask task, AsyncReads reads, CompletableFuture<Fetched<ContainerInstance>> containerInstance) {
        this.task = task;
        this.reads = reads;
        this.containerInstance = containerInstance;
    }

    /** Starts reading the task's container instance; Fargate tasks have none. */
    static ContainerHost read(EcsTask task, EcsGateway ecs, AsyncReads reads) {
        String arn = task.containerInstanceArn();
        CompletableFuture<Fetched<ContainerInstance>> instance = arn == null
                ? AsyncReads.done(Fetched.absent("task " + task.taskId() + " runs on no container instance (Fargate)"))
                : reads.read("ecs:DescribeContainerInstances", () -> ecs.describeContainerInstances(task.clusterArn(), List.of(arn))
                        .getOrDefault(arn, Fetched.failed(new ReadFailure("ecs:DescribeContainerInstances", FailureKind.INVALID_RESPONSE,
                                "no answer for " + arn))));
        return new ContainerHost(task, reads, instance);
    }

    CompletableFuture<Fetched<ContainerInstance>> containerInstance() {
        return containerInstance;
    }

    /** Whether the task runs on ECS Anywhere, as its launch type says (capacity-provider tasks may not say). */
    boolean declaredExternal() {
        return task.launchType() != null && "EXTERNAL".equals(task.launchType().toUpperCase(Locale.ROOT));
    }

    /** The EC2 instance behind the container instance; Absent for Fargate and ECS Anywhere. */
    synchronized CompletableFuture<Fetched<Ec2Instance>> ec2Instance() {
        if (ec2Instance == null) {
            ec2Instance = containerInstance.thenCompose(fetched -> switch (fetched) {
                case Fetched.Present<ContainerInstance> present when declaredExternal() || present.value().isExternal() ->
                        AsyncReads.done(Fetched.absent("container instance " + present.value().containerInstanceId()
                                + " is an ECS Anywhere instance, not an EC2 instance"));
                case Fetched.Present<ContainerInstance> present when present.value().ec2InstanceId() == null ->
                        AsyncReads.done(Fetched.absent("container instance " + present.value().containerInstanceId() + " reports no EC2 instance id"));
                case Fetched.Present<ContainerInstance> present ->
                        reads.read(Ec2Reads.INSTANCE, present.value().ec2InstanceId());
                case Fetched.Absent<ContainerInstance> absent -> AsyncReads.done(Fetched.absent(absent.description()));
                case Fetched.Failed<ContainerInstance> failed -> AsyncReads.done(failed.retyped());
            });
        }
        return ec2Instance;
    }
}
