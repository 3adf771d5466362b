package io.execready.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
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
    }

    @Test
    void fromEnvironment_whenAllSet_parsesEach() {
        CheckerConfig config = CheckerConfig.fromEnvironment(Map.of(
                "AWS_REGION", "us-east-1",
                "ALERT_TOPIC_ARN", "arn:aws:sns:us-east-1:123456789012:alerts",
                "SECURITY_HUB_ENABLED", "FALSE",
                "OPERATOR_PRINCIPAL_ARNS", " arn:aws:iam::123456789012:role/oncall , arn:aws:iam::123456789012:role/sre,",
                "LOG_LEVEL", "debug"));

        assertThat(config.alertTopicArn()).isEqualTo("arn:aws:sns:us-east-1:123456789012:alerts");
        assertThat(config.securityHubEnabled()).isFalse();
        assertThat(config.operatorPrincipalArns()).containsExactly(
                "arn:aws:iam::123456789012:role/oncall", "arn:aws:iam::123456789012:role/sre");
        assertThat(config.logLevel()).isEqualTo("DEBUG");
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
        assertThatThrownBy(() -> CheckerConfig.fromEnvironment(Map.of("AWS_REGION", "us-east-1", "LOG_LEVEL", "TRACE")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("LOG_LEVEL");
    }
}
