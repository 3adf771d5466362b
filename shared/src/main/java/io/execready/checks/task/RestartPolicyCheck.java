package io.execready.checks.task;

import io.execready.checks.support.ExecCapableContainers;
import io.execready.checks.support.RemediationCommands;
import io.execready.checks.support.UnreadableFact;
import io.execready.checks.support.Wording;
import io.execready.engine.Check;
import io.execready.engine.CheckDefinition;
import io.execready.engine.CheckResult;
import io.execready.snapshot.ContainerDefinition;
import io.execready.snapshot.EcsTask;
import io.execready.snapshot.EvaluatedTask;
import io.execready.snapshot.TaskDefinition;
import io.execready.snapshot.TaskSnapshot;
import java.util.List;

/**
 * When ECS restarts a container under its restart policy, ECS Exec into that container fails until
 * the task is replaced (aws/containers-roadmap#2469): the policy is worth knowing about before an
 * incident, not a reason to remove it.
 */
public final class RestartPolicyCheck implements Check {

    public static final CheckDefinition DEFINITION = CheckDefinition.of(
            "restart-policy",
            "No container restart policy that breaks ECS Exec after a restart",
            "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/container-restart-policy.html");

    @Override
    public CheckDefinition definition() {
        return DEFINITION;
    }

    @Override
    public CheckResult evaluate(TaskSnapshot snapshot) {
        ExecCapableContainers capable = ExecCapableContainers.of(snapshot);
        return UnreadableFact.withTaskDefinition(DEFINITION, snapshot, td -> evaluate(snapshot.target(), td, capable));
    }

    private static CheckResult evaluate(EvaluatedTask target, TaskDefinition taskDefinition, ExecCapableContainers capable) {
        EcsTask task = target.task();
        List<String> defined = taskDefinition.containers().stream().map(ContainerDefinition::name).toList();
        List<String> restarting = taskDefinition.containers().stream()
                .filter(c -> capable.judges(c.name()))
                .filter(c -> Boolean.TRUE.equals(c.restartPolicyEnabled()))
                .map(ContainerDefinition::name)
                .toList();
        String where = Wording.taskDefinition(taskDefinition) + " (" + Wording.task(target) + ")";
        if (restarting.isEmpty()) {
            return capable.listSkipped(DEFINITION.pass("No exec-capable container in " + where + " has a restart policy enabled."), defined);
        }
        return capable.listSkipped(DEFINITION.warn(
                        "In " + where + ", " + Wording.containers(restarting) + (restarting.size() == 1 ? " has" : " have")
                                + " a restart policy enabled, and ECS Exec into a container that ECS has restarted fails until the task is replaced.",
                        "Either set \"restartPolicy\": {\"enabled\": false} on " + Wording.containers(restarting) + " and "
                                + RemediationCommands.registerAndRollOut(task)
                                + ", or keep the policy and, when ECS Exec is needed after a restart, replace the task with "
                                + RemediationCommands.replaceTask(task) + ".")
                .withEvidence("restartPolicyContainers", String.join(",", restarting)), defined);
    }
}
