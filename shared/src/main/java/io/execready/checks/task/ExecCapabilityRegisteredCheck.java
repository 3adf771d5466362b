package io.execready.checks.task;

import io.execready.checks.support.ShellWords;
import io.execready.checks.support.TaskPlatform;
import io.execready.checks.support.UnreadableFact;
import io.execready.checks.support.Wording;
import io.execready.engine.Check;
import io.execready.engine.CheckDefinition;
import io.execready.engine.CheckResult;
import io.execready.engine.OperatorError;
import io.execready.snapshot.ContainerInstance;
import io.execready.snapshot.EcsTask;
import io.execready.snapshot.Fetched;
import io.execready.snapshot.TaskSnapshot;

/**
 * On EC2, ECS Managed Instances and ECS Anywhere, the ECS agent registers the attribute
 * {@code ecs.capability.execute-command} when it can start the exec agent. Without it the agent
 * does not offer ECS Exec, whatever its version says: an old agent, or on Windows an SSM agent
 * version that breaks the detection (amazon-ecs-agent#4989).
 */
public final class ExecCapabilityRegisteredCheck implements Check {

    static final String CAPABILITY = "ecs.capability.execute-command";

    public static final CheckDefinition DEFINITION = CheckDefinition.of(
            "exec-capability-registered",
            "The container instance's agent registers the ECS Exec capability",
            "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html")
            .failingWith(OperatorError.EXECUTE_COMMAND_NOT_ENABLED);

    @Override
    public CheckDefinition definition() {
        return DEFINITION;
    }

    @Override
    public CheckResult evaluate(TaskSnapshot snapshot) {
        EcsTask task = snapshot.task();
        if (TaskPlatform.isFargate(task)) {
            return DEFINITION.notApplicable(Wording.capitalised(Wording.task(snapshot.target()))
                    + " runs on Fargate, which provides ECS Exec without a container instance.");
        }
        if (task.containerInstanceArn() == null) {
            return DEFINITION.notApplicable(Wording.capitalised(Wording.task(snapshot.target()))
                    + " is not placed on a container instance yet, so no instance's capabilities apply.");
        }
        return switch (snapshot.containerInstance()) {
            case Fetched.Failed<ContainerInstance> failed -> UnreadableFact.CONTAINER_INSTANCE.unknown(DEFINITION, snapshot.target(), failed);
            case Fetched.Absent<ContainerInstance> absent -> UnreadableFact.CONTAINER_INSTANCE.missing(DEFINITION, snapshot.target(), absent,
                    "aws ecs describe-container-instances --cluster " + ShellWords.quote(task.clusterName()) + " --container-instances " + ShellWords.quote(task.containerInstanceArn()));
            case Fetched.Present<ContainerInstance> present -> judge(snapshot, present.value());
        };
    }

    private static CheckResult judge(TaskSnapshot snapshot, ContainerInstance instance) {
        String where = "Container instance " + instance.containerInstanceId() + " of " + Wording.task(snapshot.target());
        if (instance.hasAttribute(CAPABILITY)) {
            return DEFINITION.pass(where + " registers " + CAPABILITY + ".").withEvidence("containerInstance", instance.containerInstanceId());
        }
        return DEFINITION.fail(where + " does not register " + CAPABILITY + ", so its ECS agent does not offer ECS Exec"
                                + " (an old ECS agent, or on Windows an SSM agent version that breaks its detection).",
                        "Update the ECS agent (aws ecs update-container-agent --cluster " + ShellWords.quote(snapshot.task().clusterName())
                                + " --container-instance " + ShellWords.quote(instance.containerInstanceId())
                                + ", or a current ECS-optimized AMI), check the exec agent binaries under /var/lib/ecs/deps/execute-command,"
                                + " then restart the agent so it registers the capability.")
                .withEvidence("containerInstance", instance.containerInstanceId());
    }
}
