package io.execready.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.execready.config.ConfigurationException;
import io.execready.functions.FunctionComponents.StateTableNeed;
import io.execready.snapshot.Subject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FunctionComponentsTest {

    private static final Map<String, String> WITHOUT_TABLE = Map.of("AWS_REGION", "eu-west-1");
    private static final Subject SUBJECT = Subject.service("arn:aws:ecs:eu-west-1:123456789012:cluster/prod", "web");

    private final PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    @Test
    void create_forAFunctionThatAlwaysPublishes_withoutTheStateTable_failsAtStartNamingTheVariable() {
        assertThatThrownBy(() -> FunctionComponents.create(WITHOUT_TABLE, out, Clock.systemUTC(), StateTableNeed.AT_START))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("STATE_TABLE_NAME");
    }

    @Test
    void create_withTheStateTable_buildsWithoutCallingAws() {
        FunctionComponents components = FunctionComponents.create(
                Map.of("AWS_REGION", "eu-west-1", "STATE_TABLE_NAME", "execready-state", "CHAT_TOPIC_ARN", "arn:aws:sns:eu-west-1:123456789012:chat"),
                out, Clock.systemUTC(), StateTableNeed.AT_START);

        assertThat(components.config().requireStateTableName()).isEqualTo("execready-state");
    }

    @Test
    void create_forOnDemandChecks_withoutTheStateTable_startsAndFailsOnlyWhenAskedToPublish() {
        FunctionComponents components = FunctionComponents.create(WITHOUT_TABLE, out, Clock.systemUTC(), StateTableNeed.ON_FIRST_USE);

        assertThat(new OnDemandCheckFunction(components)).isNotNull();
        assertThatThrownBy(() -> components.serviceEvaluation().archive(SUBJECT, "deleted"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("STATE_TABLE_NAME");
        assertThatThrownBy(() -> components.serviceClaims().evaluatedWithin(SUBJECT, Duration.ZERO))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("STATE_TABLE_NAME");
    }
}
