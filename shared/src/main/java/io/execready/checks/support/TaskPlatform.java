package io.execready.checks.support;

import io.execready.snapshot.ContainerDefinition;
import io.execready.snapshot.EcsTask;
import io.execready.snapshot.TaskContainer;
import io.execready.snapshot.TaskSnapshot;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/** What a task runs on, read from whichever facts ECS reported. */
public final class TaskPlatform {

    public enum OperatingSystem { LINUX, WINDOWS, UNKNOWN }

    private TaskPlatform() {
    }

    /**
     * Whether the task runs on Fargate. Capacity-provider tasks may omit the launch type; only
     * Fargate tasks carry a platform version or family, so those tell.
     */
    public static boolean isFargate(EcsTask task) {
        if (task.launchType() != null) {
            return "FARGATE".equalsIgnoreCase(task.launchType());
        }
        return task.platformVersion() != null || task.platformFamily() != null;
    }

    /**
     * The task's OS: Fargate's {@code platformFamily} (Linux, WINDOWS_SERVER_2019_CORE), else the
     * task definition's {@code runtimePlatform.operatingSystemFamily}, else Windows base images
     * (EC2 Windows task definitions often set no runtime platform), else unknown.
     */
    public static OperatingSystem operatingSystem(TaskSnapshot snapshot) {
        Optional<OperatingSystem> declared = fromFamily(snapshot.task().platformFamily())
                .or(() -> snapshot.taskDefinition().asOptional().flatMap(td -> fromFamily(td.operatingSystemFamily())));
        if (declared.isPresent()) {
            return declared.get();
        }
        return images(snapshot).anyMatch(TaskPlatform::isWindowsImage) ? OperatingSystem.WINDOWS : OperatingSystem.UNKNOWN;
    }

    /** Every image reference the snapshot knows, from the running containers and the task definition. */
    public static Stream<String> images(TaskSnapshot snapshot) {
        Stream<String> running = snapshot.task().containers().stream().map(TaskContainer::image);
        Stream<String> defined = snapshot.taskDefinition().asOptional().stream()
                .flatMap(td -> td.containers().stream())
                .map(ContainerDefinition::image);
        return Stream.concat(running, defined).filter(image -> image != null && !image.isBlank());
    }

    /** Microsoft's Nano Server images, which ECS Exec cannot run in. */
    public static boolean isNanoServerImage(String image) {
        return image != null && image.toLowerCase(Locale.ROOT).contains("nanoserver");
    }

    /**
     * Compares dotted version strings numerically ("1.10.0" is newer than "1.4.0"); missing parts
     * count as zero. Empty when either is not a dotted number.
     */
    public static Optional<Integer> compareVersions(String version, String other) {
        Optional<int[]> left = parseVersion(version);
        Optional<int[]> right = parseVersion(other);
        if (left.isEmpty() || right.isEmpty()) {
            return Optional.empty();
        }
        int[] a = left.get();
        int[] b = right.get();
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            int x = i < a.length ? a[i] : 0;
            int y = i < b.length ? b[i] : 0;
            if (x != y) {
                return Optional.of(Integer.compare(x, y));
            }
        }
        return Optional.of(0);
    }

    private static Optional<int[]> parseVersion(String version) {
        if (version == null || !version.strip().matches("\\d+(\\.\\d+)*")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Arrays.stream(version.strip().split("\\.")).mapToInt(Integer::parseInt).toArray());
        } catch (NumberFormatException tooLong) {
            return Optional.empty();
        }
    }

    private static Optional<OperatingSystem> fromFamily(String family) {
        if (family == null || family.isBlank()) {
            return Optional.empty();
        }
        String lower = family.toLowerCase(Locale.ROOT);
        if (lower.startsWith("windows")) {
            return Optional.of(OperatingSystem.WINDOWS);
        }
        return lower.startsWith("linux") ? Optional.of(OperatingSystem.LINUX) : Optional.empty();
    }

    private static boolean isWindowsImage(String image) {
        String lower = image.toLowerCase(Locale.ROOT);
        return lower.contains("mcr.microsoft.com/windows") || lower.contains("nanoserver") || lower.contains("servercore");
    }
}
