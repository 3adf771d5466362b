package io.execready.checks.task;

import io.execready.checks.support.RemediationCommands;
import io.execready.checks.support.Wording;
import io.execready.engine.Check;
import io.execready.engine.CheckDefinition;
import io.execready.engine.CheckResult;
import io.execready.engine.OperatorError;
import io.execready.engine.CheckStatus;
import io.execready.engine.Severity;
import io.execready.snapshot.EcsTask;
import io.execready.snapshot.EvaluatedTask;
import io.execready.snapshot.ManagedAgent;
import io.execready.snapshot.TaskContainer;
import io.execready.snapshot.TaskSnapshot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The ECS Exec agent must be RUNNING in a container for a session to open there. Containers that
 * ECS injects (GuardDuty runtime monitoring, Service Connect proxy) carry no managed agents at
 * all: they are named as not exec-capable, never counted as running nor as broken.
 */
public final class ManagedAgentRunningCheck implements Check {

    public static final CheckDefinition DEFINITION = new CheckDefinition(
            "managed-agent-running",
            "ECS Exec agent is running in the task's containers",
            "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec-run.html",
            Severity.LOW)
            .failingWith(OperatorError.EXECUTE_COMMAND_NOT_ENABLED);

    private static final String AGENT_QUERY = "tasks[0].containers[].{name:name,managedAgents:managedAgents}";

    /** What one container reports about its exec agent, from worst to best for ranking. */
    private enum AgentState {
        STOPPED(CheckStatus.FAIL),
        UNREADABLE(CheckStatus.UNKNOWN),
        NOT_LISTED(CheckStatus.WARN),
        PENDING(CheckStatus.WARN),
        RUNNING(CheckStatus.PASS);

        private final CheckStatus status;

        AgentState(CheckStatus status) {
            this.status = status;
        }
    }

    private record ContainerAgent(String container, AgentState state, ManagedAgent agent) {
    }

    @Override
    public CheckDefinition definition() {
        return DEFINITION;
    }

    @Override
    public CheckResult evaluate(TaskSnapshot snapshot) {
        EcsTask task = snapshot.task();
        boolean anyAgentReported = task.containers().stream().anyMatch(c -> c.executeCommandAgent().isPresent());
        if (Boolean.FALSE.equals(task.enableExecuteCommand())) {
            return DEFINITION.notApplicable("ECS Exec is off for " + Wording.task(snapshot.target())
                    + ", so no exec agent runs in it (see exec-enabled).");
        }
        if (task.enableExecuteCommand() == null && !anyAgentReported) {
            return DEFINITION.unknown(
                    "ECS reported neither enableExecuteCommand nor any exec agent for " + Wording.task(snapshot.target()) + ".",
                    "Read the agents with " + RemediationCommands.describeTask(task, AGENT_QUERY)
                            + " (the checker needs ecs:DescribeTasks), then evaluate the task again.");
        }
        // A container without any managedAgents is one ECS injected (GuardDuty, Service Connect): not exec-capable.
        List<ContainerAgent> execCapable = task.containers().stream()
                .filter(c -> c.managedAgents() != null)
                .map(ManagedAgentRunningCheck::classify)
                .toList();
        List<String> sidecars = task.containers().stream()
                .filter(c -> c.managedAgents() == null)
                .map(TaskContainer::name)
                .toList();
        CheckResult result = execCapable.isEmpty() ? noExecCapableContainer(snapshot.target(), sidecars) : verdict(snapshot.target(), execCapable, sidecars);
        for (ContainerAgent agent : execCapable) {
            result = result.withEvidence("agent." + agent.container(), agent.state() == AgentState.NOT_LISTED
                    ? "no ExecuteCommandAgent listed" : String.valueOf(agent.agent().status()));
        }
        for (String sidecar : sidecars) {
            result = result.withEvidence("agent." + sidecar, "not exec-capable (no managedAgents)");
        }
        return result;
    }

    private static ContainerAgent classify(TaskContainer container) {
        Optional<ManagedAgent> agent = container.executeCommandAgent();
        if (agent.isEmpty()) {
            return new ContainerAgent(container.name(), AgentState.NOT_LISTED, null);
        }
        AgentState state = switch (String.valueOf(agent.get().status())) {
            case "RUNNING" -> AgentState.RUNNING;
            case "PENDING" -> AgentState.PENDING;
            case "STOPPED" -> AgentState.STOPPED;
            default -> AgentState.UNREADABLE;
        };
        return new ContainerAgent(container.name(), state, agent.get());
    }

    private static CheckResult verdict(EvaluatedTask target, List<ContainerAgent> execCapable, List<String> sidecars) {
        EcsTask task = target.task();
        AgentState worst = execCapable.stream().map(ContainerAgent::state).min(Comparator.naturalOrder()).orElseThrow();
        String message = "In " + Wording.task(target) + ", the exec agent is " + Wording.list(agentPhrases(execCapable))
                + sidecarPhrase(sidecars) + ".";
        return switch (worst.status) {
            case FAIL -> DEFINITION.fail(message,
                    "Fix what stopped the agent (usually a read-only root filesystem, missing ssmmessages permissions on the task role "
                            + "or no route to Systems Manager, each reported by its own check) and replace the task with "
                            + RemediationCommands.replaceTask(task) + ".");
            case UNKNOWN -> DEFINITION.unknown(message,
                    "Read the agent status with " + RemediationCommands.describeTask(task, AGENT_QUERY)
                            + " (the checker needs ecs:DescribeTasks), then evaluate the task again.");
            case WARN -> DEFINITION.warn(message,
                    "Wait for the agent to reach RUNNING and confirm it with "
                            + RemediationCommands.describeTask(task, AGENT_QUERY) + ".");
            default -> DEFINITION.pass(message);
        };
    }

    private static CheckResult noExecCapableContainer(EvaluatedTask target, List<String> names) {
        EcsTask task = target.task();
        String listed = names.isEmpty() ? "no containers" : Wording.containers(names) + " without managed agents";
        if (!"RUNNING".equals(task.lastStatus())) {
            return DEFINITION.warn(
                    "ECS reports " + listed + " for " + Wording.task(target) + ", which is " + task.lastStatus()
                            + " and may not have started its exec agents yet.",
                    "Wait for the task to reach RUNNING and confirm the agents with "
                            + RemediationCommands.describeTask(task, AGENT_QUERY) + ".");
        }
        return DEFINITION.fail(
                "No container of " + Wording.task(target) + " runs the exec agent: ECS reports " + listed + ".",
                "Replace the task so that ECS starts the exec agent, with " + RemediationCommands.replaceTask(task)
                        + ", and if the new task also lacks it see the platform-version and agent-version checks.");
    }

    private static List<String> agentPhrases(List<ContainerAgent> execCapable) {
        List<String> phrases = new ArrayList<>();
        for (ContainerAgent agent : execCapable) {
            if (agent.state() == AgentState.STOPPED) {
                String reason = Wording.clause(agent.agent().reason());
                phrases.add("STOPPED in container " + agent.container() + (reason.isEmpty() ? " (no reason given)" : " (reason: " + reason + ")"));
            } else if (agent.state() == AgentState.UNREADABLE) {
                String status = agent.agent().status();
                phrases.add((status == null ? "in an unreported state" : "in the unrecognised state " + status) + " in container " + agent.container());
            }
        }
        grouped(execCapable, AgentState.NOT_LISTED, "not listed by ECS in ").ifPresent(phrases::add);
        grouped(execCapable, AgentState.PENDING, "PENDING in ").ifPresent(phrases::add);
        grouped(execCapable, AgentState.RUNNING, "RUNNING in ").ifPresent(phrases::add);
        return phrases;
    }

    private static Optional<String> grouped(List<ContainerAgent> agents, AgentState state, String prefix) {
        List<String> names = agents.stream().filter(a -> a.state() == state).map(ContainerAgent::container).toList();
        return names.isEmpty() ? Optional.empty() : Optional.of(prefix + Wording.containers(names));
    }

    private static String sidecarPhrase(List<String> sidecars) {
        if (sidecars.isEmpty()) {
            return "";
        }
        return "; " + Wording.containers(sidecars) + (sidecars.size() == 1 ? " is" : " are")
                + " not exec-capable (no managed agents, as with a GuardDuty runtime-monitoring or Service Connect sidecar)";
    }
}
