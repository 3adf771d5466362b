package io.execready.probe;

import java.time.Duration;

/** Opens an interactive ECS Exec session: ecs:ExecuteCommand in production. */
@FunctionalInterface
public interface ExecSessionStarter {

    /** The session running {@code command} in the target container; throws with the service's words when refused. */
    ExecSession start(ProbeTarget target, String command, Duration timeout) throws Exception;
}
