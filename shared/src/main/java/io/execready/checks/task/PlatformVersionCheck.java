package io.execready.checks.task;

import io.execready.checks.support.ShellWords;
import io.execready.checks.support.RemediationCommands;
import io.execready.checks.support.TaskPlatform.OperatingSystem;
import io.execready.checks.support.TaskPlatform;
import io.execready.checks.support.Wording;
import io.execready.engine.Check;
import io.execready.engine.CheckDefinition;
import io.execready.engine.CheckResult;
import io.execready.engine.OperatorError;
import io.execready.snapshot.EcsTask;
import io.execready.snapshot.TaskSnapshot;
import java.util.Optional;

/**
 * Fargate runs the exec agent from platform version 1.4.0 on Linux and 1.0.0 on Windows. A task
 * reports the version it resolved at launch; LATEST shows up only where a service or a preflight
 * carries the requested value, and it has resolved to at least those versions ever since ECS Exec
 * exists, so it passes.
 */
public final class PlatformVersionCheck implements Check {

    public static final CheckDefinition DEFINITION = CheckDefinition.of(
            "platform-version",
            "Fargate platform version supports ECS Exec",
            "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/platform-fargate.html")
            .failingWith(OperatorError.EXECUTE_COMMAND_NOT_ENABLED);

    static final String LINUX_MINIMUM = "1.4.0";
    static final String WINDOWS_MINIMUM = "1.0.0";

    @Override
    public CheckDefinition definition() {
        return DEFINITION;
    }

    @Override
    public CheckResult evaluate(TaskSnapshot snapshot) {
        EcsTask task = snapshot.task();
        if (!TaskPlatform.isFargate(task)) {
            String where = task.launchType() == null ? "a container instance" : task.launchType();
            return DEFINITION.notApplicable(Wording.capitalised(Wording.task(snapshot.target())) + " runs on " + where
                    + ", not Fargate, so Fargate platform versions do not apply (agent-version covers the ECS agent).");
        }
        boolean windows = TaskPlatform.operatingSystem(snapshot) == OperatingSystem.WINDOWS;
        String os = windows ? "Windows" : "Linux";
        String minimum = windows ? WINDOWS_MINIMUM : LINUX_MINIMUM;
        String version = task.platformVersion();
        CheckResult result;
        if (version == null) {
            result = DEFINITION.unknown(
                    "ECS did not report the platform version of Fargate " + Wording.task(snapshot.target()) + ".",
                    "Read it with " + RemediationCommands.describeTask(task, "tasks[0].platformVersion")
                            + " (the checker needs ecs:DescribeTasks), then evaluate the task again.");
        } else if ("LATEST".equalsIgnoreCase(version.strip())) {
            result = DEFINITION.pass("Fargate " + Wording.task(snapshot.target()) + " uses platform version LATEST, which for " + os
                    + " resolves to " + minimum + " or later.");
        } else {
            Optional<Integer> comparison = TaskPlatform.compareVersions(version, minimum);
            if (comparison.isEmpty()) {
                result = DEFINITION.unknown(
                        "Fargate " + Wording.task(snapshot.target()) + " reports the unrecognised platform version " + version + ".",
                        "Read it with " + RemediationCommands.describeTask(task, "tasks[0].platformVersion")
                                + " and compare it with " + minimum + ", the minimum for " + os + ".");
            } else if (comparison.get() >= 0) {
                result = DEFINITION.pass("Fargate " + Wording.task(snapshot.target()) + " runs " + os + " platform version " + version
                        + ", which supports ECS Exec (" + minimum + " or later).");
            } else {
                result = DEFINITION.fail(
                        "Fargate " + Wording.task(snapshot.target()) + " runs " + os + " platform version " + version + ", older than the "
                                + minimum + " that ECS Exec needs.",
                        "Run the task on the latest platform version with " + upgradeCommand(task) + ".");
            }
        }
        result = result.withEvidence("minimumPlatformVersion", minimum).withEvidence("platformVersion", String.valueOf(version));
        return task.platformFamily() == null ? result : result.withEvidence("platformFamily", task.platformFamily());
    }

    private static String upgradeCommand(EcsTask task) {
        return task.serviceName()
                .map(service -> "aws ecs update-service --cluster " + ShellWords.quote(task.clusterName()) + " --service " + ShellWords.quote(service)
                        + " --platform-version LATEST --enable-execute-command --force-new-deployment")
                .orElseGet(() -> RemediationCommands.runTask(task) + " --platform-version LATEST (with the task's original network configuration)");
    }
}
