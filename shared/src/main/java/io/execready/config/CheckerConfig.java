package io.execready.config;

import java.math.BigDecimal;
import java.time.Duration;
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
 * @param logLevel              DEBUG, INFO, WARN or ERROR ({@code LOG_LEVEL}, else {@code AWS_LAMBDA_LOG_LEVEL},
 *                              default INFO; TRACE reads as DEBUG, FATAL as ERROR)
 * @param stateTableName        the subject store's DynamoDB table ({@code STATE_TABLE_NAME}); null when unset,
 *                              which only {@link #requireStateTableName()} rejects
 * @param chatTopicArn          a second topic for chat-application notifications ({@code CHAT_TOPIC_ARN}); null disables them
 * @param readyAgainAlerts      whether a subject that works again gets a message ({@code READY_AGAIN_ALERTS}, default true)
 * @param findingHeartbeat      how old the last import of an unchanged active finding may grow before it is
 *                              imported again ({@code FINDING_HEARTBEAT_DAYS}, 1 to 89, default 30): Security Hub
 *                              deletes findings not updated for 90 days
 * @param securityHubImportsPerSecond BatchImportFindings calls this instance may make per second
 *                              ({@code SECURITY_HUB_IMPORTS_PER_SECOND}, default 2); Security Hub allows 10 per account
 *                              and region across every function, so the template sets it to 10 divided by the
 *                              reserved concurrency of the functions that import
 */
public record CheckerConfig(
        Region region,
        String alertTopicArn,
        boolean securityHubEnabled,
        List<String> operatorPrincipalArns,
        String logLevel,
        String stateTableName,
        String chatTopicArn,
        boolean readyAgainAlerts,
        Duration findingHeartbeat,
        double securityHubImportsPerSecond) {

    public static final int DEFAULT_HEARTBEAT_DAYS = 30;
    /** Security Hub deletes an active finding after 90 days without an update. */
    public static final int MAX_HEARTBEAT_DAYS = 89;
    public static final double DEFAULT_IMPORTS_PER_SECOND = 2;
    /** Security Hub's own BatchImportFindings limit per account and region. */
    public static final double MAX_IMPORTS_PER_SECOND = 10;

    public CheckerConfig {
        Objects.requireNonNull(region, "region");
        operatorPrincipalArns = List.copyOf(operatorPrincipalArns);
        Objects.requireNonNull(logLevel, "logLevel");
        Objects.requireNonNull(findingHeartbeat, "findingHeartbeat");
    }

    /**
     * The state table, which every deployed function needs: without it, alerts would repeat per task
     * and findings lose their CreatedAt. Called when the functions are built, so a template that
     * forgot the variable fails at the first cold start, naming it.
     */
    public String requireStateTableName() {
        if (stateTableName == null) {
            throw new ConfigurationException("STATE_TABLE_NAME is not set; the template sets it to the state table's name, "
                    + "local runs must export it");
        }
        return stateTableName;
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
        String chatTopic = blankToNull(env.get("CHAT_TOPIC_ARN"));
        if (chatTopic != null && !chatTopic.startsWith("arn:")) {
            throw new ConfigurationException("CHAT_TOPIC_ARN must be an SNS topic ARN, got '" + chatTopic + "'");
        }
        return new CheckerConfig(
                Region.of(region),
                topic,
                parseBoolean(env, "SECURITY_HUB_ENABLED", true),
                parseArnList(env, "OPERATOR_PRINCIPAL_ARNS"),
                parseLogLevel(env),
                blankToNull(env.get("STATE_TABLE_NAME")),
                chatTopic,
                parseBoolean(env, "READY_AGAIN_ALERTS", true),
                Duration.ofDays(parseHeartbeatDays(env)),
                parseImportsPerSecond(env));
    }

    private static int parseHeartbeatDays(Map<String, String> env) {
        String value = blankToNull(env.get("FINDING_HEARTBEAT_DAYS"));
        if (value == null) {
            return DEFAULT_HEARTBEAT_DAYS;
        }
        try {
            int days = Integer.parseInt(value);
            if (days >= 1 && days <= MAX_HEARTBEAT_DAYS) {
                return days;
            }
        } catch (NumberFormatException e) {
            // reported below with the allowed range
        }
        throw new ConfigurationException("FINDING_HEARTBEAT_DAYS must be a whole number of days from 1 to " + MAX_HEARTBEAT_DAYS
                + " (Security Hub deletes findings not updated for 90 days), got '" + value + "'");
    }

    private static double parseImportsPerSecond(Map<String, String> env) {
        String value = blankToNull(env.get("SECURITY_HUB_IMPORTS_PER_SECOND"));
        if (value == null) {
            return DEFAULT_IMPORTS_PER_SECOND;
        }
        try {
            double rate = new BigDecimal(value).doubleValue();
            if (rate > 0 && rate <= MAX_IMPORTS_PER_SECOND) {
                return rate;
            }
        } catch (NumberFormatException e) {
            // reported below with the allowed range
        }
        throw new ConfigurationException("SECURITY_HUB_IMPORTS_PER_SECOND must be a number above 0 and at most "
                + (int) MAX_IMPORTS_PER_SECOND + " (Security Hub's limit per account and region), got '" + value + "'");
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

    /**
     * The level JsonLog writes at. Lambda's log-level controls know six levels and pass the function's
     * one on as AWS_LAMBDA_LOG_LEVEL (which the console can change): TRACE reads as DEBUG, the most
     * detail written here, and FATAL as ERROR, the most severe.
     */
    private static String parseLogLevel(Map<String, String> env) {
        String value = firstNonBlank(env.get("LOG_LEVEL"), env.get("AWS_LAMBDA_LOG_LEVEL"));
        String level = value == null ? "INFO" : value.strip().toUpperCase(Locale.ROOT);
        return switch (level) {
            case "TRACE", "DEBUG" -> "DEBUG";
            case "INFO", "WARN", "ERROR" -> level;
            case "FATAL" -> "ERROR";
            default -> throw new ConfigurationException(
                    "LOG_LEVEL must be DEBUG, INFO, WARN or ERROR (TRACE and FATAL read as DEBUG and ERROR), got '" + value + "'");
        };
    }

    private static String firstNonBlank(String first, String second) {
        String a = blankToNull(first);
        return a != null ? a : blankToNull(second);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
