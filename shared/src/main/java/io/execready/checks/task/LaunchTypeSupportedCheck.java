package io.execready.checks.task;

import io.execready.checks.support.RemediationCommands;
import io.execready.checks.support.TaskPlatform.OperatingSystem;
import io.execready.checks.support.TaskPlatform;
import io.execready.checks.support.UnreadableFact;
import io.execready.checks.support.Wording;
import io.execready.engine.Check;
import io.execready.engine.CheckDefinition;
import io.execready.engine.CheckResult;
import io.execready.engine.OperatorError;
import io.execready.snapshot.ContainerDefinition;
import io.execready.snapshot.EcsTask;
import io.execready.snapshot.EvaluatedTask;
import io.execready.snapshot.Fetched;
import io.execready.snapshot.TaskContainer;
import io.execready.snapshot.TaskDefinition;
import io.execready.snapshot.TaskSnapshot;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * ECS Exec runs on Fargate, EC2 and ECS Anywhere (EXTERNAL), Linux and Windows, but never in a
 * Windows Nano Server container.
 *
 * <p>Tasks placed by a capacity provider may come without a launch type. Only Fargate tasks carry a
 * platform version or family, and only EC2 and external tasks a container instance, so those facts
 * stand in for it; a task with none of them is UNKNOWN, as is a launch type this check does not
 * know, rather than a guess.
 */
public final class LaunchTypeSupportedCheck implements Check {

    public static final CheckDefinition DEFINITION = CheckDefinition.of(
            "launch-type-supported",
            "Launch type and container OS support ECS Exec",
            "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html#ecs-exec-considerations")
            .failingWith(OperatorError.EXECUTE_COMMAND_NOT_ENABLED);

    @Override
    public CheckDefinition definition() {
        return DEFINITION;
    }

    @Override
    public CheckResult evaluate(TaskSnapshot snapshot) {
        EcsTask task = snapshot.task();
        Map<String, String> images = imagesByContainer(snapshot);
        List<String> nanoServer = images.entrySet().stream()
                .filter(e -> TaskPlatform.isNanoServerImage(e.getValue()))
                .map(Map.Entry::getKey)
                .toList();
        if (!nanoServer.isEmpty()) {
            String first = nanoServer.getFirst();
            return DEFINITION.fail(
                            "In " + Wording.task(snapshot.target()) + ", " + Wording.containers(nanoServer) + " " + (nanoServer.size() == 1 ? "runs" : "run")
                                    + " a Windows Nano Server image (" + images.get(first) + "), which ECS Exec does not support.",
                            "Base " + Wording.containers(nanoServer) + " on a Windows Server Core image such as "
                                    + "mcr.microsoft.com/windows/servercore:ltsc2022, then " + RemediationCommands.registerAndRollOut(task) + ".")
                    .withEvidence("nanoServerContainers", String.join(",", nanoServer));
        }
        OperatingSystem os = TaskPlatform.operatingSystem(snapshot);
        if (snapshot.taskDefinition() instanceof Fetched.Failed<TaskDefinition> failed && os != OperatingSystem.LINUX
                && task.containers().stream().anyMatch(c -> c.image() == null)) {
            // Without the task definition, a container with no reported image could still be Nano Server.
            return UnreadableFact.TASK_DEFINITION.unknown(DEFINITION, snapshot.target(), failed);
        }
        String launchType = task.launchType();
        String osText = switch (os) {
            case LINUX -> "Linux";
            case WINDOWS -> "Windows";
            case UNKNOWN -> "Linux or Windows";
        };
        if (launchType == null) {
            return inferredLaunchType(snapshot.target(), osText);
        }
        return switch (launchType.toUpperCase(Locale.ROOT)) {
            case "FARGATE", "EC2" -> supported(snapshot.target(), launchType.toUpperCase(Locale.ROOT), osText);
            // ECS Managed Instances are EC2 instances ECS runs for you: judged as EC2 (agent and capability from the instance).
            case "MANAGED_INSTANCES" -> supported(snapshot.target(), "MANAGED_INSTANCES (ECS Managed Instances, EC2-backed)", osText);
            case "EXTERNAL" -> supported(snapshot.target(), "EXTERNAL (ECS Anywhere)", osText);
            default -> DEFINITION.unknown(
                            Wording.capitalised(Wording.task(snapshot.target())) + " uses launch type " + launchType
                                    + ", for which ExecReady does not know whether ECS Exec is supported.",
                            "Compare launch type " + launchType + " with the infrastructure the ECS Exec considerations list before relying on "
                                    + "ECS Exec for this task.")
                    .withEvidence("launchType", launchType);
        };
    }

    private static CheckResult inferredLaunchType(EvaluatedTask target, String osText) {
        EcsTask task = target.task();
        if (task.platformVersion() != null || task.platformFamily() != null) {
            return supported(target, "Fargate through a capacity provider", osText);
        }
        if (task.containerInstanceArn() != null) {
            return supported(target, "a container instance (EC2 or ECS Anywhere) through a capacity provider", osText);
        }
        return DEFINITION.unknown(
                "ECS reported no launch type for " + Wording.task(target) + ", nor a platform version or container instance that would tell it.",
                "Read it with " + RemediationCommands.describeTask(task, "tasks[0].[launchType,capacityProviderName,containerInstanceArn]")
                        + " (the checker needs ecs:DescribeTasks), then evaluate the task again.");
    }

    private static CheckResult supported(EvaluatedTask target, String launchType, String osText) {
        EcsTask task = target.task();
        CheckResult result = DEFINITION.pass(Wording.capitalised(Wording.task(target)) + " runs on " + launchType
                + " with " + osText + " containers, which ECS Exec supports.");
        return task.launchType() == null ? result : result.withEvidence("launchType", task.launchType());
    }

    /** Each container's image, from the running task first and the task definition where the task did not say. */
    private static Map<String, String> imagesByContainer(TaskSnapshot snapshot) {
        Map<String, String> images = new LinkedHashMap<>();
        for (TaskContainer container : snapshot.task().containers()) {
            if (container.image() != null) {
                images.put(container.name(), container.image());
            }
        }
        snapshot.taskDefinition().asOptional().ifPresent(td -> {
            for (ContainerDefinition container : td.containers()) {
                if (container.image() != null) {
                    images.putIfAbsent(container.name(), container.image());
                }
            }
        });
        return images;
    }
}
