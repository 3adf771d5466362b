package io.execready.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.execready.config.ConfigurationException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FunctionComponentsTest {

    private final PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    @Test
    void create_withoutTheStateTable_failsAtStartNamingTheVariable() {
        assertThatThrownBy(() -> FunctionComponents.create(Map.of("AWS_REGION", "eu-west-1"), out, Clock.systemUTC()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("STATE_TABLE_NAME");
    }

    @Test
    void create_withTheStateTable_buildsWithoutCallingAws() {
        FunctionComponents components = FunctionComponents.create(
                Map.of("AWS_REGION", "eu-west-1", "STATE_TABLE_NAME", "execready-state", "CHAT_TOPIC_ARN", "arn:aws:sns:eu-west-1:123456789012:chat"),
                out, Clock.systemUTC());

        assertThat(components.config().requireStateTableName()).isEqualTo("execready-state");
    }
}
