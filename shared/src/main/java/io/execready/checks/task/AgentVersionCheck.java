package io.execready.checks.task;

import io.execready.checks.support.ShellWords;
import io.execready.checks.support.RemediationCommands;
import io.execready.checks.support.TaskPlatform.OperatingSystem;
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
import java.util.Locale;
import java.util.Optional;

/**
 * On EC2 and ECS Anywhere the ECS container agent on the instance starts the exec agent: Linux
 * agents from 1.50.2, Windows agents from 1.56.0 (the reference applies the Linux minimum to
 * Windows too). The instance's own {@code ecs.os-type} / {@code ecs.os-family} attributes tell
 * the OS, else the task's platform; with the OS unknown, a version between the two minimums is
 * UNKNOWN rather than a guess. Fargate manages its agent: the check does not apply.
 */
public final class AgentVersionCheck implements Check {

    public static final CheckDefinition DEFINITION = CheckDefinition.of(
            "agent-version",
            "ECS container agent version supports ECS Exec",
            "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-agent-update.html")
            .failingWith(OperatorError.EXECUTE_COMMAND_NOT_ENABLED);

    static final String LINUX_MINIMUM = "1.50.2";
    static final String WINDOWS_MINIMUM = "1.56.0";

    @Override
    public CheckDefinition definition() {
        return DEFINITION;
    }

    @Override
    public CheckResult evaluate(TaskSnapshot snapshot) {
        EcsTask task = snapshot.task();
        if (TaskPlatform.isFargate(task)) {
            return DEFINITION.notApplicable(Wording.capitalised(Wording.task(snapshot.target()))
                    + " runs on Fargate, which manages the agent that starts ECS Exec (platform-version covers it).");
        }
        return switch (snapshot.containerInstance()) {
            case Fetched.Present<ContainerInstance> present -> evaluate(snapshot, present.value());
            case Fetched.Failed<ContainerInstance> failed -> UnreadableFact.CONTAINER_INSTANCE.unknown(DEFINITION, snapshot.target(), failed);
            case Fetched.Absent<ContainerInstance> absent when task.containerInstanceArn() == null -> DEFINITION.unknown(
                    "ECS reported no container instance for " + Wording.task(snapshot.target()) + ", so its agent version is unknown.",
                    "Read it with " + RemediationCommands.describeTask(task, "tasks[0].containerInstanceArn")
                            + " (the checker needs ecs:DescribeTasks), then evaluate the task again.");
            case Fetched.Absent<ContainerInstance> absent -> UnreadableFact.CONTAINER_INSTANCE.missing(DEFINITION, snapshot.target(), absent,
                    "aws ecs describe-container-instances --cluster " + ShellWords.quote(task.clusterName()) + " --container-instances " + ShellWords.quote(task.containerInstanceArn()));
        };
    }

    private static CheckResult evaluate(TaskSnapshot snapshot, ContainerInstance instance) {
        EcsTask task = snapshot.task();
        OperatingSystem os = operatingSystem(instance).orElseGet(() -> TaskPlatform.operatingSystem(snapshot));
        String host = (instance.isExternal() || isExternal(task) ? "ECS Anywhere instance " : "container instance ")
                + instance.containerInstanceId() + " of " + Wording.task(snapshot.target());
        String version = instance.agentVersion() == null ? null : instance.agentVersion().strip().replaceFirst("^[vV]", "");
        if (version == null || version.isEmpty()) {
            return DEFINITION.unknown("ECS reported no agent version for " + host + ".",
                    "Read it with aws ecs describe-container-instances --cluster " + ShellWords.quote(task.clusterName()) + " --container-instances "
                            + ShellWords.quote(instance.containerInstanceId()) + " --query 'containerInstances[0].versionInfo', then evaluate the task again.");
        }
        Optional<Integer> againstLinux = TaskPlatform.compareVersions(version, LINUX_MINIMUM);
        Optional<Integer> againstWindows = TaskPlatform.compareVersions(version, WINDOWS_MINIMUM);
        if (againstLinux.isEmpty() || againstWindows.isEmpty()) {
            return withEvidence(DEFINITION.unknown(
                    Wording.capitalised(host) + " reports the unrecognised agent version " + version + ".",
                    "Compare it with " + LINUX_MINIMUM + " (Linux) or " + WINDOWS_MINIMUM + " (Windows), the minimums for ECS Exec."), version, os, "unknown");
        }
        String minimum;
        boolean supported;
        String osText;
        switch (os) {
            case LINUX -> {
                minimum = LINUX_MINIMUM;
                supported = againstLinux.get() >= 0;
                osText = "Linux";
            }
            case WINDOWS -> {
                minimum = WINDOWS_MINIMUM;
                supported = againstWindows.get() >= 0;
                osText = "Windows";
            }
            default -> {
                if (againstWindows.get() >= 0 || againstLinux.get() < 0) {
                    minimum = againstWindows.get() >= 0 ? WINDOWS_MINIMUM : LINUX_MINIMUM;
                    supported = againstWindows.get() >= 0;
                    osText = "Linux or Windows";
                } else {
                    return withEvidence(DEFINITION.unknown(
                            Wording.capitalised(host) + " runs agent " + version + ", enough for Linux (" + LINUX_MINIMUM
                                    + ") but not for Windows (" + WINDOWS_MINIMUM + "), and neither the instance nor the task tells its OS.",
                            "Read the OS with aws ecs describe-container-instances --cluster " + ShellWords.quote(task.clusterName()) + " --container-instances "
                                    + ShellWords.quote(instance.containerInstanceId()) + " --query \"containerInstances[0].attributes[?name=='ecs.os-type']\" and, on Windows, "
                                    + update(task, instance, OperatingSystem.WINDOWS) + "."), version, os, "unknown");
                }
            }
        }
        if (supported) {
            return withEvidence(DEFINITION.pass(Wording.capitalised(host) + " runs " + osText + " ECS agent " + version
                    + ", which supports ECS Exec (" + minimum + " or later)."), version, os, minimum);
        }
        return withEvidence(DEFINITION.fail(
                Wording.capitalised(host) + " runs " + osText + " ECS agent " + version + ", older than the " + minimum + " that ECS Exec needs.",
                Wording.capitalised(update(task, instance, os)) + "."), version, os, minimum);
    }

    private static CheckResult withEvidence(CheckResult result, String version, OperatingSystem os, String minimum) {
        return result.withEvidence("agentVersion", version)
                .withEvidence("operatingSystem", os.name())
                .withEvidence("minimumAgentVersion", minimum);
    }

    /** {@code ecs.os-type} (linux, windows), else {@code ecs.os-family} (WINDOWS_SERVER_2022_CORE, LINUX). */
    private static Optional<OperatingSystem> operatingSystem(ContainerInstance instance) {
        return instance.osType().or(instance::osFamily)
                .map(value -> value.toLowerCase(Locale.ROOT))
                .flatMap(value -> value.startsWith("windows") ? Optional.of(OperatingSystem.WINDOWS)
                        : value.startsWith("linux") ? Optional.of(OperatingSystem.LINUX) : Optional.empty());
    }

    private static boolean isExternal(EcsTask task) {
        return task.launchType() != null && "EXTERNAL".equals(task.launchType().toUpperCase(Locale.ROOT));
    }

    /**
     * update-container-agent updates Linux agents on ECS-optimized AMIs only; Windows instances and
     * ECS Anywhere hosts are updated on the host itself.
     */
    private static String update(EcsTask task, ContainerInstance instance, OperatingSystem os) {
        String id = instance.containerInstanceId();
        if (instance.isExternal() || isExternal(task)) {
            return "update the ECS agent on ECS Anywhere instance " + id + " (" + instance.ec2InstanceId()
                    + ") by installing the latest amazon-ecs-init package on the host and restarting the ecs service";
        }
        if (os == OperatingSystem.WINDOWS) {
            return "replace container instance " + id + " with one launched from the latest ECS-optimized Windows AMI (aws ssm get-parameters-by-path"
                    + " --path /aws/service/ami-windows-latest lists them), since update-container-agent does not update Windows agents";
        }
        return "update the agent with aws ecs update-container-agent --cluster " + ShellWords.quote(task.clusterName()) + " --container-instance " + ShellWords.quote(id)
                + ", or replace the instance with one launched from the latest ECS-optimized AMI";
    }
}
