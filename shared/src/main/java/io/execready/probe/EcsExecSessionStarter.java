package io.execready.probe;

import java.time.Duration;
import java.util.Objects;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.ExecuteCommandResponse;
import software.amazon.awssdk.services.ecs.model.Session;

/**
 * {@link ExecSessionStarter} over ecs:DescribeTasks (for the container's runtime id, which the
 * session's target id carries) and ecs:ExecuteCommand, interactive as ECS requires.
 */
public final class EcsExecSessionStarter implements ExecSessionStarter {

    private final EcsClient ecs;

    public EcsExecSessionStarter(EcsClient ecs) {
        this.ecs = Objects.requireNonNull(ecs, "ecs");
    }

    @Override
    public ExecSession start(ProbeTarget target, String command, Duration timeout) {
        String runtimeId = ecs.describeTasks(r -> r.cluster(target.clusterArn()).tasks(target.taskArn())
                        .overrideConfiguration(c -> c.apiCallTimeout(timeout)))
                .tasks().stream()
                .flatMap(task -> task.containers().stream())
                .filter(container -> target.containerName().equals(container.name()))
                .map(Container::runtimeId)
                .filter(Objects::nonNull)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("container " + target.containerName() + " of "
                        + target.taskArn() + " has no runtime id"));
        ExecuteCommandResponse response = ecs.executeCommand(r -> r.cluster(target.clusterArn())
                .task(target.taskArn())
                .container(target.containerName())
                .interactive(true)
                .command(command)
                .overrideConfiguration(c -> c.apiCallTimeout(timeout)));
        Session session = response.session();
        return new ExecSession(session.sessionId(), session.streamUrl(), session.tokenValue(),
                targetId(target, runtimeId));
    }

    /** The target id ECS Exec binds a session to: {@code ecs:<cluster name>_<task id>_<container runtime id>}. */
    static String targetId(ProbeTarget target, String runtimeId) {
        return "ecs:" + lastSegment(target.clusterArn()) + "_" + lastSegment(target.taskArn()) + "_" + runtimeId;
    }

    private static String lastSegment(String arn) {
        return arn.substring(arn.lastIndexOf('/') + 1);
    }
}
