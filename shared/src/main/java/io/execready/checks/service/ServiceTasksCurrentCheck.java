package io.execready.checks.service;

import io.execready.checks.support.ShellWords;
import io.execready.checks.support.ReadFailureAdvice;
import io.execready.checks.support.RemediationCommands;
import io.execready.checks.support.Wording;
import io.execready.engine.CheckDefinition;
import io.execready.engine.CheckResult;
import io.execready.engine.OperatorError;
import io.execready.engine.ServiceCheck;
import io.execready.snapshot.EcsService;
import io.execready.snapshot.EcsTask;
import io.execready.snapshot.Fetched;
import io.execready.snapshot.ServiceSnapshot;
import java.util.List;

/**
 * Turning ECS Exec on for a service changes only the tasks it starts next: tasks of the current
 * deployment that started before keep running without it until a new deployment replaces them.
 */
public final class ServiceTasksCurrentCheck implements ServiceCheck {

    public static final CheckDefinition DEFINITION = CheckDefinition.of(
            "service-tasks-current",
            "The service's running tasks have ECS Exec on",
            "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html#ecs-exec-enabling")
            .failingWith(OperatorError.EXECUTE_COMMAND_NOT_ENABLED);

    private static final String RUNNING = "RUNNING";

    @Override
    public CheckDefinition definition() {
        return DEFINITION;
    }

    @Override
    public CheckResult evaluate(ServiceSnapshot snapshot) {
        EcsService service = snapshot.service();
        String where = Wording.service(snapshot);
        if (!service.enableExecuteCommand()) {
            return DEFINITION.notApplicable("ECS Exec is off for " + where + ", so its running tasks are not expected to have it"
                    + " (service-exec-enabled reports that).");
        }
        return switch (snapshot.primaryTasks()) {
            case Fetched.Present<List<EcsTask>> present -> judge(snapshot, present.value());
            case Fetched.Absent<List<EcsTask>> absent -> DEFINITION.pass(
                    "No task of the PRIMARY deployment of " + where + " runs without ECS Exec: " + Wording.clause(absent.description()) + ".");
            case Fetched.Failed<List<EcsTask>> failed -> ReadFailureAdvice.unknown(DEFINITION,
                    "The running tasks of " + where + " could not be read: " + failed.failure().describe() + ".",
                    failed.failure(), "evaluate the service again");
        };
    }

    private static CheckResult judge(ServiceSnapshot snapshot, List<EcsTask> tasks) {
        EcsService service = snapshot.service();
        String where = Wording.service(snapshot);
        List<EcsTask> primaryRunning = tasks.stream()
                .filter(t -> RUNNING.equals(t.lastStatus()) && service.primaryDeploymentId() != null
                        && service.primaryDeploymentId().equals(t.startedBy()))
                .toList();
        List<String> withoutExec = primaryRunning.stream()
                .filter(t -> Boolean.FALSE.equals(t.enableExecuteCommand()))
                .map(EcsTask::taskId)
                .toList();
        if (!withoutExec.isEmpty()) {
            return DEFINITION.fail(
                            Wording.capitalised(Wording.list(withoutExec.stream().map(id -> "task " + id).toList()))
                                    + " of " + where + (withoutExec.size() == 1 ? " was" : " were")
                                    + " started before ECS Exec was turned on, and ECS Exec cannot be turned on for a running task.",
                            "Replace the service's tasks with a new deployment: "
                                    + RemediationCommands.forceNewDeployment(snapshot.clusterName(), service.serviceName()) + ".")
                    .withEvidence("tasksWithoutExec", String.join(", ", withoutExec));
        }
        List<String> unreported = primaryRunning.stream().filter(t -> t.enableExecuteCommand() == null).map(EcsTask::taskId).toList();
        if (!unreported.isEmpty()) {
            return DEFINITION.unknown(
                    "ECS did not report enableExecuteCommand for " + Wording.list(unreported.stream().map(id -> "task " + id).toList())
                            + " of " + where + ".",
                    "Read the flag with aws ecs describe-tasks --cluster " + ShellWords.quote(snapshot.clusterName())
                            + " (the checker needs ecs:DescribeTasks), then evaluate the service again.");
        }
        return DEFINITION.pass(primaryRunning.isEmpty()
                ? "No task of the PRIMARY deployment of " + where + " is running yet."
                : "Every running task of the PRIMARY deployment of " + where + " (" + primaryRunning.size() + ") has ECS Exec on.");
    }
}
