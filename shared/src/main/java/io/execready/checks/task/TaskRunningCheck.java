package io.execready.checks.task;

import io.execready.checks.support.ShellWords;
import io.execready.checks.support.RemediationCommands;
import io.execready.checks.support.Wording;
import io.execready.engine.Check;
import io.execready.engine.CheckDefinition;
import io.execready.engine.CheckResult;
import io.execready.engine.OperatorError;
import io.execready.engine.Severity;
import io.execready.snapshot.EcsTask;
import io.execready.snapshot.TaskSnapshot;
import java.util.Set;

/** ECS Exec connects only to a RUNNING task: a starting task is worth waiting for, a stopping one is not. */
public final class TaskRunningCheck implements Check {

    public static final CheckDefinition DEFINITION = new CheckDefinition(
            "task-running",
            "ECS task is running",
            "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-lifecycle-explanation.html",
            Severity.LOW)
            .failingWith(OperatorError.EXECUTE_COMMAND_NOT_ENABLED);

    private static final Set<String> STARTING = Set.of("PROVISIONING", "PENDING", "ACTIVATING");
    private static final Set<String> ENDING = Set.of("DEACTIVATING", "STOPPING", "DEPROVISIONING", "STOPPED");

    @Override
    public CheckDefinition definition() {
        return DEFINITION;
    }

    @Override
    public CheckResult evaluate(TaskSnapshot snapshot) {
        EcsTask task = snapshot.task();
        String status = task.lastStatus();
        CheckResult result;
        if ("RUNNING".equals(status)) {
            result = DEFINITION.pass(Wording.capitalised(Wording.task(snapshot.target())) + " is RUNNING.");
        } else if (status != null && STARTING.contains(status)) {
            result = DEFINITION.warn(
                    Wording.capitalised(Wording.task(snapshot.target())) + " is " + status
                            + " and ECS Exec can connect only once it is RUNNING.",
                    "Wait for the task to start with aws ecs wait tasks-running --cluster " + ShellWords.quote(task.clusterName())
                            + " --tasks " + ShellWords.quote(task.taskId()) + ", then connect.");
        } else if (status != null && ENDING.contains(status)) {
            result = DEFINITION.fail(
                    Wording.capitalised(Wording.task(snapshot.target())) + " is " + status + stoppedReason(task)
                            + ", so ECS Exec can no longer connect to it.",
                    stoppedRemediation(task));
        } else {
            result = DEFINITION.unknown(
                    "ECS reported " + (status == null ? "no lastStatus" : "the unrecognised lastStatus " + status)
                            + " for " + Wording.taskName(snapshot.target()) + " in cluster " + task.clusterName() + ".",
                    "Read the task's status with " + RemediationCommands.describeTask(task, "tasks[0].lastStatus")
                            + " (the checker needs ecs:DescribeTasks), then evaluate the task again.");
        }
        return withStatusEvidence(result, task);
    }

    private static String stoppedReason(EcsTask task) {
        String reason = Wording.clause(task.stoppedReason());
        return reason.isEmpty() ? "" : " (stopped reason: " + reason + ")";
    }

    private static String stoppedRemediation(EcsTask task) {
        return task.serviceName()
                .map(service -> "Connect to a running task of service " + service + " instead, listed by aws ecs list-tasks --cluster "
                        + ShellWords.quote(task.clusterName()) + " --service-name " + ShellWords.quote(service) + " --desired-status RUNNING.")
                .orElseGet(() -> "Start a new task with " + RemediationCommands.runTask(task)
                        + " (with the task's original network configuration) and connect to it.");
    }

    private static CheckResult withStatusEvidence(CheckResult result, EcsTask task) {
        CheckResult withEvidence = result.withEvidence("lastStatus", String.valueOf(task.lastStatus()));
        return task.desiredStatus() == null ? withEvidence : withEvidence.withEvidence("desiredStatus", task.desiredStatus());
    }
}
