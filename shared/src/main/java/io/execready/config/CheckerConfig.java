package io.execready.config;

import io.execready.aws.AwsCallLimits;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * @param awsCallLimits         attempts and timeouts of every AWS call ({@code AWS_MAX_ATTEMPTS}, the SDKs' own name,
 *                              default 4; {@code API_CALL_ATTEMPT_TIMEOUT_SECONDS}, default 20;
 *                              {@code API_CALL_TIMEOUT_SECONDS}, default 45, which must stay below the function's timeout)
 * @param centralAlertTopicArn  an organisation's central alert topic, possibly in another account and region, that also
 *                              gets every alert ({@code CENTRAL_ALERT_TOPIC_ARN}); null when there is none
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
        double securityHubImportsPerSecond,
        AwsCallLimits awsCallLimits,
        String centralAlertTopicArn) {

    public static final int DEFAULT_HEARTBEAT_DAYS = 30;
    /** Security Hub deletes an active finding after 90 days without an update. */
    public static final int MAX_HEARTBEAT_DAYS = 89;
    public static final double DEFAULT_IMPORTS_PER_SECOND = 2;
    /** Security Hub's own BatchImportFindings limit per account and region. */
    public static final double MAX_IMPORTS_PER_SECOND = 10;
    /** The SDKs' standard retry mode accepts up to this many attempts per call in ExecReady's settings. */
    public static final int MAX_AWS_ATTEMPTS = 10;
    /** Lambda's longest function timeout: no call may be allowed longer. */
    public static final int MAX_API_CALL_TIMEOUT_SECONDS = 900;
    /** arn:PARTITION:sns:REGION:ACCOUNT:NAME, the region being where the topic's SNS client must call. */
    private static final Pattern SNS_TOPIC_ARN = Pattern.compile("arn:[a-z-]+:sns:([a-z0-9-]+):[0-9]{12}:[A-Za-z0-9_-]{1,256}");

    public CheckerConfig {
        Objects.requireNonNull(region, "region");
        operatorPrincipalArns = List.copyOf(operatorPrincipalArns);
        Objects.requireNonNull(logLevel, "logLevel");
        Objects.requireNonNull(findingHeartbeat, "findingHeartbeat");
        Objects.requireNonNull(awsCallLimits, "awsCallLimits");
    }

    /**
     * The region of the central alert topic: SNS accepts a publish only from a client of the
     * topic's own region, which for an organisation's topic may not be this function's.
     */
    public Optional<Region> centralAlertTopicRegion() {
        return Optional.ofNullable(centralAlertTopicArn).map(arn -> {
            Matcher matcher = SNS_TOPIC_ARN.matcher(arn);
            if (!matcher.matches()) {
                throw new IllegalStateException("not an SNS topic ARN: " + arn);
            }
            return Region.of(matcher.group(1));
        });
    }

    /**
     * The state table, which every function that publishes needs: without it, alerts would repeat
     * per task and findings lose their CreatedAt. The functions that always publish call it when
     * they are built, so a template that forgot the variable fails at the first cold start, naming
     * it; the on-demand check calls it only when a request asks to publish.
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
                parseImportsPerSecond(env),
                parseAwsCallLimits(env),
                parseTopicArn(env, "CENTRAL_ALERT_TOPIC_ARN"));
    }

    private static String parseTopicArn(Map<String, String> env, String name) {
        String value = blankToNull(env.get(name));
        if (value != null && !SNS_TOPIC_ARN.matcher(value).matches()) {
            throw new ConfigurationException(name + " must be an SNS topic ARN (arn:PARTITION:sns:REGION:ACCOUNT:NAME), got '" + value + "'");
        }
        return value;
    }

    private static AwsCallLimits parseAwsCallLimits(Map<String, String> env) {
        AwsCallLimits defaults = AwsCallLimits.DEFAULT;
        int attempts = parseWholeNumber(env, "AWS_MAX_ATTEMPTS", defaults.maxAttempts(), 1, MAX_AWS_ATTEMPTS);
        int attemptSeconds = parseWholeNumber(env, "API_CALL_ATTEMPT_TIMEOUT_SECONDS", (int) defaults.attemptTimeout().toSeconds(),
                1, MAX_API_CALL_TIMEOUT_SECONDS);
        int callSeconds = parseWholeNumber(env, "API_CALL_TIMEOUT_SECONDS", (int) defaults.callTimeout().toSeconds(),
                1, MAX_API_CALL_TIMEOUT_SECONDS);
        if (attemptSeconds > callSeconds) {
            throw new ConfigurationException("API_CALL_ATTEMPT_TIMEOUT_SECONDS (" + attemptSeconds
                    + ") must not exceed API_CALL_TIMEOUT_SECONDS (" + callSeconds + ")");
        }
        return new AwsCallLimits(attempts, Duration.ofSeconds(attemptSeconds), Duration.ofSeconds(callSeconds));
    }

    private static int parseWholeNumber(Map<String, String> env, String name, int defaultValue, int min, int max) {
        String value = blankToNull(env.get(name));
        if (value == null) {
            return defaultValue;
        }
        try {
            int number = Integer.parseInt(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below with the allowed range
        }
        throw new ConfigurationException(name + " must be a whole number from " + min + " to " + max + ", got '" + value + "'");
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

    /**
     * Whether on-demand requests may publish ({@code ON_DEMAND_PUBLISHING}, default false): whoever
     * may invoke the on-demand function could otherwise change findings and send alerts.
     */
    public static boolean onDemandPublishing(Map<String, String> env) {
        return parseBoolean(env, "ON_DEMAND_PUBLISHING", false);
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
