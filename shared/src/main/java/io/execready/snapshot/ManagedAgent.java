package io.execready.snapshot;

import java.time.Instant;

/**
 * A managed agent in a container, as ECS reports it. The EventBridge event names the status
 * {@code status}; DescribeTasks names it {@code lastStatus}. Both end up in {@link #status}.
 *
 * @param name          the agent, {@code ExecuteCommandAgent} for ECS Exec
 * @param status        RUNNING, PENDING, STOPPED, or null when ECS did not say
 * @param reason        why the agent stopped, when ECS gave one
 * @param lastStartedAt when the agent last started, or null
 */
public record ManagedAgent(String name, String status, String reason, Instant lastStartedAt) {

    public static final String EXECUTE_COMMAND_AGENT = "ExecuteCommandAgent";

    public boolean isExecuteCommandAgent() {
        return EXECUTE_COMMAND_AGENT.equals(name);
    }
}
