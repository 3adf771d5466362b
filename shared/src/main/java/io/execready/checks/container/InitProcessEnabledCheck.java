package io.execready.checks.container;

import io.execready.checks.support.RemediationCommands;
import io.execready.checks.support.TaskPlatform.OperatingSystem;
import io.execready.checks.support.TaskPlatform;
import io.execready.checks.support.ExecCapableContainers;
import io.execready.checks.support.UnreadableFact;
import io.execready.checks.support.Wording;
import io.execready.engine.Check;
import io.execready.engine.CheckDefinition;
import io.execready.engine.CheckResult;
import io.execready.engine.Severity;
import io.execready.snapshot.ContainerDefinition;
import io.execready.snapshot.EcsTask;
import io.execready.snapshot.EvaluatedTask;
import io.execready.snapshot.TaskDefinition;
import io.execready.snapshot.TaskSnapshot;
import java.util.List;

/**
 * Exec sessions leave child processes of the agent behind; without an init process as PID 1 they
 * linger as zombies. Windows containers have no such setting, so the check does not apply there.
 */
public final class InitProcessEnabledCheck implements Check {

    public static final CheckDefinition DEFINITION = new CheckDefinition(
            "init-process-enabled",
            "Containers run an init process to reap exec sessions",
            "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html#ecs-exec-task-definition",
            Severity.LOW);

    @Override
    public CheckDefinition definition() {
        return DEFINITION;
    }

    @Override
    public CheckResult evaluate(TaskSnapshot snapshot) {
        if (TaskPlatform.operatingSystem(snapshot) == OperatingSystem.WINDOWS) {
            return DEFINITION.notApplicable(Wording.capitalised(Wording.task(snapshot.target()))
                    + " runs Windows containers, for which linuxParameters.initProcessEnabled does not apply.");
        }
        ExecCapableContainers capable = ExecCapableContainers.of(snapshot);
        return UnreadableFact.withTaskDefinition(DEFINITION, snapshot, td -> evaluate(snapshot.target(), td, capable));
    }

    private static CheckResult evaluate(EvaluatedTask target, TaskDefinition taskDefinition, ExecCapableContainers capable) {
        EcsTask task = target.task();
        List<String> withoutInit = taskDefinition.containers().stream()
                .filter(c -> capable.judges(c.name()))
                .filter(c -> !Boolean.TRUE.equals(c.initProcessEnabled()))
                .map(ContainerDefinition::name)
                .toList();
        String where = Wording.taskDefinition(taskDefinition) + " (" + Wording.task(target) + ")";
        List<String> defined = taskDefinition.containers().stream().map(ContainerDefinition::name).toList();
        if (withoutInit.isEmpty()) {
            return capable.listSkipped(DEFINITION.pass(
                    "Every exec-capable container in " + where + " runs an init process (initProcessEnabled is true)."), defined);
        }
        return capable.listSkipped(DEFINITION.warn(
                        "In " + where + ", " + Wording.containers(withoutInit) + (withoutInit.size() == 1 ? " runs" : " run")
                                + " without an init process, so processes left by exec sessions can linger as zombies.",
                        "Set \"linuxParameters\": {\"initProcessEnabled\": true} on " + Wording.containers(withoutInit) + ", then "
                                + RemediationCommands.registerAndRollOut(task) + ".")
                .withEvidence("containersWithoutInit", String.join(",", withoutInit)), defined);
    }
}
