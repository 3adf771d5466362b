package io.execready.config;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Where the opt-in ECS Exec probe may open sessions: the cluster names of
 * {@code EXEC_PROBE_CLUSTERS} (comma-separated; empty or unset turns probing off, the default).
 * Kept apart from {@link CheckerConfig}: only the functions that evaluate tasks read it.
 */
public record ExecProbeSettings(Set<String> clusterNames) {

    public static final String VARIABLE = "EXEC_PROBE_CLUSTERS";
    private static final Pattern CLUSTER_NAME = Pattern.compile("[A-Za-z0-9_-]{1,255}");

    public ExecProbeSettings {
        clusterNames = Set.copyOf(clusterNames);
    }

    public static ExecProbeSettings fromEnvironment(Map<String, String> env) {
        String value = env.getOrDefault(VARIABLE, "");
        Set<String> names = Arrays.stream(value.split(","))
                .map(String::strip)
                .filter(name -> !name.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        names.stream().filter(name -> !CLUSTER_NAME.matcher(name).matches()).findFirst().ifPresent(name -> {
            throw new ConfigurationException(VARIABLE + " lists '" + name + "', which is not a cluster name"
                    + " (letters, digits, hyphens and underscores; names, not ARNs)");
        });
        return new ExecProbeSettings(names);
    }

    public boolean enabled() {
        return !clusterNames.isEmpty();
    }
}
