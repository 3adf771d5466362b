package io.execready.probe;

import java.time.Duration;
import java.util.Objects;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ExecuteCommandResponse;
import software.amazon.awssdk.services.ecs.model.Session;

/** {@link ExecSessionStarter} over ecs:ExecuteCommand, interactive as ECS requires. */
public final class EcsExecSessionStarter implements ExecSessionStarter {

    private final EcsClient ecs;

    public EcsExecSessionStarter(EcsClient ecs) {
        this.ecs = Objects.requireNonNull(ecs, "ecs");
    }

    @Override
    public ExecSession start(ProbeTarget target, String command, Duration timeout) {
        ExecuteCommandResponse response = ecs.executeCommand(r -> r.cluster(target.clusterArn())
                .task(target.taskArn())
                .container(target.containerName())
                .interactive(true)
                .command(command)
                .overrideConfiguration(c -> c.apiCallTimeout(timeout)));
        Session session = response.session();
        return new ExecSession(session.sessionId(), session.streamUrl(), session.tokenValue(), target.targetId());
    }
}
