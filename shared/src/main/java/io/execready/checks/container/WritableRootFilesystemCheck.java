package io.execready.checks.container;

import io.execready.checks.support.RemediationCommands;
import io.execready.checks.support.UnreadableFact;
import io.execready.checks.support.Wording;
import io.execready.engine.Check;
import io.execready.engine.CheckDefinition;
import io.execready.engine.CheckResult;
import io.execready.engine.OperatorError;
import io.execready.engine.Severity;
import io.execready.snapshot.ContainerDefinition;
import io.execready.snapshot.EcsTask;
import io.execready.snapshot.EvaluatedTask;
import io.execready.snapshot.MountPoint;
import io.execready.snapshot.TaskDefinition;
import io.execready.snapshot.TaskSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The exec agent writes to the container's filesystem, so a read-only root stops it, unless
 * writable volumes cover the three places it writes to. That workaround works but AWS does not
 * support it; it is what keeps Security Hub control ECS.5 (read-only roots) satisfied, so the
 * finding names the trade-off instead of picking a side.
 */
public final class WritableRootFilesystemCheck implements Check {

    public static final CheckDefinition DEFINITION = new CheckDefinition(
            "writable-root-filesystem",
            "Exec agent can write to the container filesystem",
            "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html#ecs-exec-considerations",
            Severity.LOW)
            .failingWith(OperatorError.EXECUTE_COMMAND_NOT_ENABLED);

    /** Where the exec agent writes: its binaries' directory, its state and its logs. */
    static final List<String> AGENT_PATHS = List.of("/managed-agents", "/var/lib/amazon/ssm", "/var/log/amazon/ssm");

    private static final String ECS5 = "Security Hub control ECS.5, which asks for read-only root filesystems";

    private record ReadOnlyContainer(String name, List<String> uncoveredPaths) {
        boolean hasWorkaround() {
            return uncoveredPaths.isEmpty();
        }
    }

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
        List<ReadOnlyContainer> readOnly = taskDefinition.containers().stream()
                .filter(ContainerDefinition::hasReadOnlyRoot)
                .map(c -> new ReadOnlyContainer(c.name(), uncoveredPaths(c, taskDefinition)))
                .toList();
        String where = Wording.taskDefinition(taskDefinition) + " (" + Wording.task(target) + ")";
        if (readOnly.isEmpty()) {
            return DEFINITION.pass("No container in " + where + " has a read-only root filesystem.");
        }
        List<ReadOnlyContainer> blocked = readOnly.stream().filter(c -> !c.hasWorkaround()).toList();
        List<String> workaround = readOnly.stream().filter(ReadOnlyContainer::hasWorkaround).map(ReadOnlyContainer::name).toList();
        List<String> readOnlyNames = readOnly.stream().map(ReadOnlyContainer::name).toList();
        CheckResult result;
        if (!blocked.isEmpty()) {
            String blockedText = blocked.stream()
                    .map(c -> "container " + c.name() + " has a read-only root filesystem with no writable volume at " + Wording.list(c.uncoveredPaths()))
                    .collect(Collectors.joining("; "));
            String alsoWorkaround = workaround.isEmpty() ? "" : " (" + Wording.containers(workaround) + " relying on the unsupported writable-volume workaround)";
            result = DEFINITION.fail(
                    "In " + where + ", " + blockedText + alsoWorkaround + ", so the exec agent cannot start there.",
                    "Either set \"readonlyRootFilesystem\": false on " + Wording.containers(blocked.stream().map(ReadOnlyContainer::name).toList())
                            + " (the setup AWS supports for ECS Exec, at the cost of failing " + ECS5
                            + ") or keep the root read-only and add writable volumes, unsupported by AWS, with " + volumeSnippet(blocked)
                            + ", then " + RemediationCommands.registerAndRollOut(task) + ".");
        } else {
            result = DEFINITION.warn(
                    "In " + where + ", " + Wording.containers(workaround) + (workaround.size() == 1 ? " has a read-only root filesystem" : " have read-only root filesystems")
                            + " with writable volumes at " + Wording.list(AGENT_PATHS)
                            + ", so ECS Exec works through a workaround AWS does not support, kept to satisfy " + ECS5 + ".",
                    "Keep the writable volumes while ECS.5 matters more than AWS support, or set \"readonlyRootFilesystem\": false on "
                            + Wording.containers(workaround) + " for the supported setup at the cost of failing ECS.5, then "
                            + RemediationCommands.registerAndRollOut(task) + ".");
        }
        return result.withEvidence("readOnlyRootContainers", String.join(",", readOnlyNames));
    }

    /**
     * The agent paths no writable mount covers. A mount at an ancestor ({@code /var/lib/amazon})
     * covers the path too; a mount counts only when its volume exists in the task definition.
     */
    private static List<String> uncoveredPaths(ContainerDefinition container, TaskDefinition taskDefinition) {
        List<String> writable = container.mountPoints().stream()
                .filter(m -> !m.readOnly() && m.containerPath() != null && m.sourceVolume() != null)
                .filter(m -> taskDefinition.volume(m.sourceVolume()).isPresent())
                .map(MountPoint::containerPath)
                .map(WritableRootFilesystemCheck::normalise)
                .toList();
        List<String> uncovered = new ArrayList<>();
        for (String path : AGENT_PATHS) {
            boolean covered = writable.stream().anyMatch(mount -> !mount.isEmpty() && (path.equals(mount) || path.startsWith(mount + "/")));
            if (!covered) {
                uncovered.add(path);
            }
        }
        return uncovered;
    }

    private static String normalise(String path) {
        String trimmed = path.strip();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }

    /** The task definition lines that add a volume and a writable mount for each uncovered path. */
    private static String volumeSnippet(List<ReadOnlyContainer> blocked) {
        List<String> paths = blocked.stream().flatMap(c -> c.uncoveredPaths().stream()).distinct().toList();
        String volumes = paths.stream().map(p -> "{\"name\": \"" + volumeName(p) + "\"}").collect(Collectors.joining(", "));
        String mounts = paths.stream()
                .map(p -> "{\"sourceVolume\": \"" + volumeName(p) + "\", \"containerPath\": \"" + p + "\", \"readOnly\": false}")
                .collect(Collectors.joining(", "));
        return "\"volumes\": [" + volumes + "] and, in each of those containers, \"mountPoints\": [" + mounts + "]";
    }

    private static String volumeName(String path) {
        return "exec" + path.replace('/', '-');
    }
}
