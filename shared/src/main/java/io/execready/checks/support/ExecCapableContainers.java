package io.execready.checks.support;

import io.execready.engine.CheckResult;
import io.execready.snapshot.TaskContainer;
import io.execready.snapshot.TaskSnapshot;
import java.util.List;

/**
 * Which containers of a task an operator can exec into, so that recommendations are made about
 * those only: the containers ECS gave an ExecuteCommandAgent; when ECS listed no such agent yet (exec
 * off, agents still starting) every container ECS reported with managed agents; in a preflight, with
 * no container reported yet, every container of the task definition. Agent-less sidecars that ECS
 * or a service injects (GuardDuty runtime monitoring, Service Connect) are listed, never judged.
 *
 * @param withAgent the containers ECS reported with an ExecuteCommandAgent
 * @param sidecars  the containers ECS reported without any managed agents
 */
public record ExecCapableContainers(List<String> withAgent, List<String> sidecars) {

    public ExecCapableContainers {
        withAgent = List.copyOf(withAgent);
        sidecars = List.copyOf(sidecars);
    }

    public static ExecCapableContainers of(TaskSnapshot snapshot) {
        List<TaskContainer> reported = snapshot.task().containers();
        return new ExecCapableContainers(
                reported.stream().filter(c -> c.executeCommandAgent().isPresent()).map(TaskContainer::name).toList(),
                reported.stream().filter(c -> c.managedAgents() == null).map(TaskContainer::name).toList());
    }

    /** Whether recommendations about the container named {@code name} are worth making. */
    public boolean judges(String name) {
        return withAgent.isEmpty() ? !sidecars.contains(name) : withAgent.contains(name);
    }

    /** The containers of {@code definedNames} not judged, named in the result's evidence. */
    public CheckResult listSkipped(CheckResult result, List<String> definedNames) {
        List<String> skipped = definedNames.stream().filter(name -> !judges(name)).toList();
        return skipped.isEmpty() ? result : result.withEvidence("notExecCapable", String.join(",", skipped));
    }
}
