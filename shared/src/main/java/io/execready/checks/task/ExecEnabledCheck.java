package io.execready.checks.task;

import io.execready.checks.support.RemediationCommands;
import io.execready.checks.support.Wording;
import io.execready.engine.Check;
import io.execready.engine.CheckDefinition;
import io.execready.engine.CheckResult;
import io.execready.engine.OperatorError;
import io.execready.snapshot.EcsService;
import io.execready.snapshot.EcsTask;
import io.execready.snapshot.EvaluatedTask;
import io.execready.snapshot.Fetched;
import io.execready.snapshot.TaskSnapshot;

/**
 * ECS Exec is fixed when a task starts: a task started without it never gets it, even after its
 * service is changed. So when the service already has the flag and the task lacks it, the fix is a
 * new deployment, not another update of the flag.
 */
public final class ExecEnabledCheck implements Check {

    public static final CheckDefinition DEFINITION = CheckDefinition.of(
            "exec-enabled",
            "ECS Exec is turned on for the task",
            "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html#ecs-exec-enabling")
            .failingWith(OperatorError.EXECUTE_COMMAND_NOT_ENABLED);

    @Override
    public CheckDefinition definition() {
        return DEFINITION;
    }

    @Override
    public CheckResult evaluate(TaskSnapshot snapshot) {
        EcsTask task = snapshot.task();
        Boolean flag = task.enableExecuteCommand();
        if (flag == null) {
            return DEFINITION.unknown(
                    "ECS did not report enableExecuteCommand for " + Wording.task(snapshot.target()) + ".",
                    "Read the flag with " + RemediationCommands.describeTask(task, "tasks[0].enableExecuteCommand")
                            + " (the checker needs ecs:DescribeTasks), then evaluate the task again.");
        }
        if (flag) {
            return DEFINITION.pass("ECS Exec is turned on for " + Wording.task(snapshot.target()) + ".")
                    .withEvidence("enableExecuteCommand", "true");
        }
        return turnedOff(snapshot.target(), snapshot.owningService()).withEvidence("enableExecuteCommand", "false");
    }

    private static CheckResult turnedOff(EvaluatedTask target, Fetched<EcsService> owningService) {
        EcsTask task = target.task();
        return switch (owningService) {
            case Fetched.Present<EcsService> present when present.value().enableExecuteCommand() -> DEFINITION.fail(
                            Wording.capitalised(Wording.task(target)) + " started before ECS Exec was turned on for service "
                                    + present.value().serviceName() + ", and ECS Exec cannot be turned on for a running task.",
                            "Replace the service's tasks with a new deployment: "
                                    + RemediationCommands.forceNewDeployment(task.clusterName(), present.value().serviceName()) + ".")
                    .withEvidence("serviceEnableExecuteCommand", "true");
            case Fetched.Present<EcsService> present -> DEFINITION.fail(
                            "ECS Exec is off for " + Wording.task(target) + " and for its service " + present.value().serviceName() + ".",
                            "Turn it on for the service and replace its tasks: "
                                    + RemediationCommands.enableExecAndRedeploy(task.clusterName(), present.value().serviceName()) + ".")
                    .withEvidence("serviceEnableExecuteCommand", "false");
            case Fetched.Failed<EcsService> failed -> DEFINITION.fail(
                            "ECS Exec is off for " + Wording.task(target) + ".",
                            "Turn it on where the task is started and replace the task: " + RemediationCommands.replaceTask(task) + ".")
                    .withEvidence("serviceEnableExecuteCommand", "unreadable: " + failed.failure().describe());
            case Fetched.Absent<EcsService> absent -> DEFINITION.fail(
                    "ECS Exec is off for " + Wording.task(target) + ".",
                    "Start the task with ECS Exec on, as in " + RemediationCommands.replaceTask(task)
                            + ", since it cannot be turned on for a running task.");
        };
    }
}
