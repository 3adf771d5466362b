package io.execready.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.regions.Region;

/**
 * The checker's settings, parsed once from the environment. A missing or malformed variable fails
 * at start with the variable's name, not later in the middle of an evaluation.
 *
 * @param region                the region the function runs in ({@code AWS_REGION}, set by Lambda)
 * @param alertTopicArn         where alerts go ({@code ALERT_TOPIC_ARN}); null disables alerts
 * @param securityHubEnabled    whether findings are imported ({@code SECURITY_HUB_ENABLED}, default true)
 * @param operatorPrincipalArns who must be able to run execute-command ({@code OPERATOR_PRINCIPAL_ARNS}, comma-separated)
 * @param logLevel              DEBUG, INFO, WARN or ERROR ({@code LOG_LEVEL}, default INFO)
 */
public record CheckerConfig(
        Region region,
        String alertTopicArn,
        boolean securityHubEnabled,
        List<String> operatorPrincipalArns,
        String logLevel) {

    public CheckerConfig {
        Objects.requireNonNull(region, "region");
        operatorPrincipalArns = List.copyOf(operatorPrincipalArns);
        Objects.requireNonNull(logLevel, "logLevel");
    }

    public static CheckerConfig fromEnvironment(Map<String, String> env) {
        String region = firstNonBlank(env.get("AWS_REGION"), env.get("AWS_DEFAULT_REGION"));
        if (region == null) {
            throw new ConfigurationException("AWS_REGION is not set; Lambda sets it, local runs must export it");
        }
        String topic = blankToNull(env.get("ALERT_TOPIC_ARN"));
        if (topic != null && !topic.startsWith("arn:")) {
            throw new ConfigurationException("ALERT_TOPIC_ARN must be an SNS topic ARN, got '" + topic + "'");
        }
        return new CheckerConfig(
                Region.of(region),
                topic,
                parseBoolean(env, "SECURITY_HUB_ENABLED", true),
                parseArnList(env, "OPERATOR_PRINCIPAL_ARNS"),
                parseLogLevel(env));
    }

    private static boolean parseBoolean(Map<String, String> env, String name, boolean defaultValue) {
        String value = blankToNull(env.get(name));
        if (value == null) {
            return defaultValue;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ConfigurationException(name + " must be true or false, got '" + value + "'");
        };
    }

    private static List<String> parseArnList(Map<String, String> env, String name) {
        String value = blankToNull(env.get(name));
        if (value == null) {
            return List.of();
        }
        List<String> arns = Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        arns.stream().filter(arn -> !arn.startsWith("arn:")).findFirst().ifPresent(bad -> {
            throw new ConfigurationException(name + " must list IAM principal ARNs, got '" + bad + "'");
        });
        return arns;
    }

    private static String parseLogLevel(Map<String, String> env) {
        String value = firstNonBlank(env.get("LOG_LEVEL"), env.get("AWS_LAMBDA_LOG_LEVEL"));
        String level = value == null ? "INFO" : value.toUpperCase(Locale.ROOT);
        if (!List.of("DEBUG", "INFO", "WARN", "ERROR").contains(level)) {
            throw new ConfigurationException("LOG_LEVEL must be DEBUG, INFO, WARN or ERROR, got '" + value + "'");
        }
        return level;
    }

    private static String firstNonBlank(String first, String second) {
        String a = blankToNull(first);
        return a != null ? a : blankToNull(second);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
