package io.execready.checks.container;

import io.execready.checks.support.RemediationCommands;
import io.execready.checks.support.UnreadableFact;
import io.execready.checks.support.Wording;
import io.execready.engine.Check;
import io.execready.engine.CheckDefinition;
import io.execready.engine.CheckResult;
import io.execready.snapshot.EcsTask;
import io.execready.snapshot.EvaluatedTask;
import io.execready.snapshot.TaskDefinition;
import io.execready.snapshot.TaskSnapshot;

/**
 * ECS Exec allows one session target per PID namespace: with {@code pidMode: task} every container
 * shares one, so only one container can take exec sessions (aws/containers-roadmap#2268).
 */
public final class PidModeCheck implements Check {

    public static final CheckDefinition DEFINITION = CheckDefinition.of(
            "pid-mode",
            "Task does not share one PID namespace across containers",
            "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#task_definition_pidmode");

    @Override
    public CheckDefinition definition() {
        return DEFINITION;
    }

    @Override
    public CheckResult evaluate(TaskSnapshot snapshot) {
        return UnreadableFact.withTaskDefinition(DEFINITION, snapshot, td -> evaluate(snapshot.target(), td));
    }

    private static CheckResult evaluate(EvaluatedTask target, TaskDefinition taskDefinition) {
        EcsTask task = target.task();
        String where = Wording.taskDefinition(taskDefinition) + " (" + Wording.task(target) + ")";
        String pidMode = taskDefinition.pidMode();
        if ("task".equalsIgnoreCase(pidMode)) {
            return DEFINITION.warn(
                            Wording.capitalised(where)
                                    + " shares one PID namespace across its containers (pidMode task), so ECS Exec sessions can open in only one of them.",
                            "Remove \"pidMode\": \"task\" from " + Wording.taskDefinition(taskDefinition)
                                    + " if its containers need not see each other's processes and " + RemediationCommands.registerAndRollOut(task)
                                    + ", or else open ECS Exec sessions in one chosen container only.")
                    .withEvidence("pidMode", pidMode);
        }
        String mode = pidMode == null ? "sets no pidMode" : "uses pidMode " + pidMode;
        return DEFINITION.pass(Wording.capitalised(where) + " " + mode
                + ", so its containers do not share a task PID namespace.");
    }
}
