package io.execready.checks.iam;

import io.execready.checks.support.RemediationCommands;
import io.execready.checks.support.UnreadableFact;
import io.execready.checks.support.Wording;
import io.execready.engine.Check;
import io.execready.engine.CheckDefinition;
import io.execready.engine.CheckResult;
import io.execready.engine.OperatorError;
import io.execready.snapshot.EcsTask;
import io.execready.snapshot.Fetched;
import io.execready.snapshot.TaskRole;
import io.execready.snapshot.TaskSnapshot;

/**
 * The exec agent talks to Systems Manager with the task's credentials: the launch override's
 * role, else the task definition's, else on EC2 the instance profile's. Without any, it cannot.
 */
public final class TaskRolePresentCheck implements Check {

    public static final CheckDefinition DEFINITION = CheckDefinition.of(
            "task-role-present",
            "Task has an IAM role for the exec agent",
            "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html")
            .failingWith(OperatorError.TARGET_NOT_CONNECTED);

    @Override
    public CheckDefinition definition() {
        return DEFINITION;
    }

    @Override
    public CheckResult evaluate(TaskSnapshot snapshot) {
        EcsTask task = snapshot.task();
        return switch (snapshot.taskRole()) {
            case Fetched.Present<TaskRole> present -> DEFINITION.pass(
                            "The exec agent in " + Wording.task(snapshot.target()) + " runs as role " + present.value().roleArn()
                                    + ", " + source(present.value(), task) + ".")
                    .withEvidence("roleArn", present.value().roleArn())
                    .withEvidence("roleSource", present.value().source().name());
            case Fetched.Absent<TaskRole> absent -> DEFINITION.fail(
                    Wording.capitalised(Wording.task(snapshot.target()))
                            + " has no task role, so the exec agent has no credentials to reach Systems Manager.",
                    "Set \"taskRoleArn\" in task definition " + Wording.revision(task.taskDefinitionArn())
                            + " to a role that ecs-tasks.amazonaws.com can assume and that allows the ssmmessages actions, as with "
                            + "--task-role-arn arn:" + task.arn().partition() + ":iam::" + task.arn().accountId() + ":role/ROLE_NAME, then "
                            + RemediationCommands.registerAndRollOut(task) + ".");
            case Fetched.Failed<TaskRole> failed -> UnreadableFact.TASK_ROLE.unknown(DEFINITION, snapshot.target(), failed);
        };
    }

    private static String source(TaskRole role, EcsTask task) {
        return switch (role.source()) {
            case TASK_OVERRIDE -> "given as the taskRoleArn override when the task was launched";
            case TASK_DEFINITION -> "the taskRoleArn of task definition " + Wording.revision(task.taskDefinitionArn());
            case INSTANCE_PROFILE -> "the instance profile role of its container instance, since the task has no task role";
        };
    }
}
