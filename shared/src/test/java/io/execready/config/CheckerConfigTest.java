package io.execready.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.execready.aws.AwsCallLimits;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.regions.Region;

class CheckerConfigTest {

    @Test
    void fromEnvironment_whenOnlyRegion_appliesDefaults() {
        CheckerConfig config = CheckerConfig.fromEnvironment(Map.of("AWS_REGION", "eu-west-1"));

        assertThat(config.region()).isEqualTo(Region.EU_WEST_1);
        assertThat(config.alertTopicArn()).isNull();
        assertThat(config.securityHubEnabled()).isTrue();
        assertThat(config.operatorPrincipalArns()).isEmpty();
        assertThat(config.logLevel()).isEqualTo("INFO");
        assertThat(config.stateTableName()).isNull();
        assertThat(config.chatTopicArn()).isNull();
        assertThat(config.readyAgainAlerts()).isTrue();
        assertThat(config.findingHeartbeat()).isEqualTo(Duration.ofDays(30));
        assertThat(config.securityHubImportsPerSecond()).isEqualTo(2.0);
        assertThat(config.awsCallLimits()).isEqualTo(AwsCallLimits.DEFAULT);
        assertThat(config.centralAlertTopicArn()).isNull();
        assertThat(config.centralAlertTopicRegion()).isEmpty();
    }

    @Test
    void fromEnvironment_whenCentralAlertTopicInAnotherRegion_readsItsRegionFromTheArn() {
        CheckerConfig config = CheckerConfig.fromEnvironment(Map.of("AWS_REGION", "eu-west-1",
                "CENTRAL_ALERT_TOPIC_ARN", " arn:aws:sns:us-east-1:210987654321:execready-central-alerts "));

        assertThat(config.centralAlertTopicArn()).isEqualTo("arn:aws:sns:us-east-1:210987654321:execready-central-alerts");
        assertThat(config.centralAlertTopicRegion()).contains(Region.US_EAST_1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"execready-central-alerts", "arn:aws:sqs:us-east-1:210987654321:queue", "arn:aws:sns:us-east-1:2109876:short"})
    void fromEnvironment_whenCentralAlertTopicNotATopicArn_namesTheVariable(String value) {
        assertThatThrownBy(() -> CheckerConfig.fromEnvironment(Map.of("AWS_REGION", "us-east-1", "CENTRAL_ALERT_TOPIC_ARN", value)))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("CENTRAL_ALERT_TOPIC_ARN");
    }

    @Test
    void fromEnvironment_whenAwsCallLimitsSet_parsesEach() {
        CheckerConfig config = CheckerConfig.fromEnvironment(Map.of("AWS_REGION", "us-east-1",
                "AWS_MAX_ATTEMPTS", "2", "API_CALL_ATTEMPT_TIMEOUT_SECONDS", "5", "API_CALL_TIMEOUT_SECONDS", "12"));

        assertThat(config.awsCallLimits()).isEqualTo(new AwsCallLimits(2, Duration.ofSeconds(5), Duration.ofSeconds(12)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "11", "many"})
    void fromEnvironment_whenMaxAttemptsOutOfRange_namesTheVariable(String attempts) {
        assertThatThrownBy(() -> CheckerConfig.fromEnvironment(Map.of("AWS_REGION", "us-east-1", "AWS_MAX_ATTEMPTS", attempts)))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("AWS_MAX_ATTEMPTS");
    }

    @Test
    void fromEnvironment_whenAttemptTimeoutExceedsCallTimeout_namesBoth() {
        assertThatThrownBy(() -> CheckerConfig.fromEnvironment(Map.of("AWS_REGION", "us-east-1",
                "API_CALL_ATTEMPT_TIMEOUT_SECONDS", "30", "API_CALL_TIMEOUT_SECONDS", "10")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("API_CALL_ATTEMPT_TIMEOUT_SECONDS").hasMessageContaining("API_CALL_TIMEOUT_SECONDS");
    }

    @Test
    void fromEnvironment_whenAllSet_parsesEach() {
        CheckerConfig config = CheckerConfig.fromEnvironment(Map.of(
                "AWS_REGION", "us-east-1",
                "ALERT_TOPIC_ARN", "arn:aws:sns:us-east-1:123456789012:alerts",
                "SECURITY_HUB_ENABLED", "FALSE",
                "OPERATOR_PRINCIPAL_ARNS", " arn:aws:iam::123456789012:role/oncall , arn:aws:iam::123456789012:role/sre,",
                "LOG_LEVEL", "debug",
                "STATE_TABLE_NAME", "execready-state",
                "CHAT_TOPIC_ARN", "arn:aws:sns:us-east-1:123456789012:chat",
                "READY_AGAIN_ALERTS", "false",
                "FINDING_HEARTBEAT_DAYS", "7",
                "SECURITY_HUB_IMPORTS_PER_SECOND", "0.5"));

        assertThat(config.alertTopicArn()).isEqualTo("arn:aws:sns:us-east-1:123456789012:alerts");
        assertThat(config.securityHubEnabled()).isFalse();
        assertThat(config.operatorPrincipalArns()).containsExactly(
                "arn:aws:iam::123456789012:role/oncall", "arn:aws:iam::123456789012:role/sre");
        assertThat(config.logLevel()).isEqualTo("DEBUG");
        assertThat(config.requireStateTableName()).isEqualTo("execready-state");
        assertThat(config.chatTopicArn()).isEqualTo("arn:aws:sns:us-east-1:123456789012:chat");
        assertThat(config.readyAgainAlerts()).isFalse();
        assertThat(config.findingHeartbeat()).isEqualTo(Duration.ofDays(7));
        assertThat(config.securityHubImportsPerSecond()).isEqualTo(0.5);
    }

    @Test
    void requireStateTableName_whenUnset_namesTheVariable() {
        CheckerConfig config = CheckerConfig.fromEnvironment(Map.of("AWS_REGION", "us-east-1"));

        assertThatThrownBy(config::requireStateTableName)
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("STATE_TABLE_NAME");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "90", "thirty", "1.5"})
    void fromEnvironment_whenHeartbeatOutOfRange_namesTheVariableAndTheLimit(String days) {
        assertThatThrownBy(() -> CheckerConfig.fromEnvironment(Map.of("AWS_REGION", "us-east-1", "FINDING_HEARTBEAT_DAYS", days)))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("FINDING_HEARTBEAT_DAYS").hasMessageContaining("89");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "11", "fast"})
    void fromEnvironment_whenImportRateOutOfRange_namesTheVariable(String rate) {
        assertThatThrownBy(() -> CheckerConfig.fromEnvironment(Map.of("AWS_REGION", "us-east-1", "SECURITY_HUB_IMPORTS_PER_SECOND", rate)))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("SECURITY_HUB_IMPORTS_PER_SECOND");
    }

    @Test
    void fromEnvironment_whenChatTopicNotAnArn_namesTheVariable() {
        assertThatThrownBy(() -> CheckerConfig.fromEnvironment(Map.of("AWS_REGION", "us-east-1", "CHAT_TOPIC_ARN", "chat")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("CHAT_TOPIC_ARN");
    }

    @Test
    void fromEnvironment_whenRegionMissing_namesTheVariable() {
        assertThatThrownBy(() -> CheckerConfig.fromEnvironment(Map.of()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("AWS_REGION");
    }

    @Test
    void fromEnvironment_whenBooleanMalformed_namesTheVariable() {
        assertThatThrownBy(() -> CheckerConfig.fromEnvironment(Map.of("AWS_REGION", "us-east-1", "SECURITY_HUB_ENABLED", "yes")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("SECURITY_HUB_ENABLED");
    }

    @Test
    void fromEnvironment_whenTopicNotAnArn_namesTheVariable() {
        assertThatThrownBy(() -> CheckerConfig.fromEnvironment(Map.of("AWS_REGION", "us-east-1", "ALERT_TOPIC_ARN", "alerts")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("ALERT_TOPIC_ARN");
    }

    @Test
    void fromEnvironment_whenOperatorNotAnArn_namesTheVariable() {
        assertThatThrownBy(() -> CheckerConfig.fromEnvironment(Map.of("AWS_REGION", "us-east-1", "OPERATOR_PRINCIPAL_ARNS", "oncall")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("OPERATOR_PRINCIPAL_ARNS");
    }

    @Test
    void fromEnvironment_whenLogLevelUnknown_namesTheVariable() {
        assertThatThrownBy(() -> CheckerConfig.fromEnvironment(Map.of("AWS_REGION", "us-east-1", "LOG_LEVEL", "VERBOSE")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("LOG_LEVEL");
    }

    @ParameterizedTest
    @CsvSource({"TRACE, DEBUG", "debug, DEBUG", "INFO, INFO", "WARN, WARN", "ERROR, ERROR", "fatal, ERROR"})
    void fromEnvironment_withAnyOfLambdasSixLogLevels_writesAtTheNearestLevelOfOurs(String lambdaLevel, String expected) {
        assertThat(CheckerConfig.fromEnvironment(Map.of("AWS_REGION", "us-east-1", "LOG_LEVEL", lambdaLevel)).logLevel()).isEqualTo(expected);
        assertThat(CheckerConfig.fromEnvironment(Map.of("AWS_REGION", "us-east-1", "AWS_LAMBDA_LOG_LEVEL", lambdaLevel)).logLevel())
                .isEqualTo(expected);
    }
}
