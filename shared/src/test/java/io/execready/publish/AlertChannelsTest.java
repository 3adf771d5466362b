package io.execready.publish;

import static io.execready.publish.ReportFixture.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.execready.engine.CheckStatus;
import io.execready.engine.TaskReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishRequest;
import software.amazon.awssdk.services.sns.model.PublishResponse;

class AlertChannelsTest {

    private static final String ALERT_TOPIC = "arn:aws:sns:eu-west-1:123456789012:execready-alerts";
    private static final String CENTRAL_TOPIC = "arn:aws:sns:us-east-1:210987654321:execready-central-alerts";

    private final RecordingSns memberRegion = new RecordingSns();
    private final RecordingSns centralRegion = new RecordingSns();

    @Test
    void send_withACentralTopic_publishesTheSameAlertThere_withAccountAndRegionToFilterOn() {
        AlertChannels channels = new AlertChannels(new AlertComposer(), new SnsAlertPublisher(memberRegion, ALERT_TOPIC), null,
                new SnsAlertPublisher(centralRegion, CENTRAL_TOPIC), true);
        TaskReport report = ReportFixture.serviceTask().result(result("exec-enabled", CheckStatus.FAIL)).build();
        Alert alert = channels.compose(new AlertTransition(AlertTransition.Kind.NOT_READY, List.of("exec-enabled"), List.of()),
                report, FindingScope.of(report.task())).orElseThrow();

        List<String> messageIds = channels.send(alert);

        assertThat(messageIds).containsExactly("member-1", "central-1");
        PublishRequest local = memberRegion.requests.getFirst();
        PublishRequest central = centralRegion.requests.getFirst();
        assertThat(central.topicArn()).isEqualTo(CENTRAL_TOPIC);
        assertThat(central.subject()).isEqualTo(local.subject());
        assertThat(central.message()).isEqualTo(local.message());
        assertThat(central.messageAttributes()).isEqualTo(local.messageAttributes());
        assertThat(central.messageAttributes())
                .containsEntry(AlertComposer.ATTRIBUTE_ACCOUNT, string(ReportFixture.ACCOUNT))
                .containsEntry(AlertComposer.ATTRIBUTE_REGION, string(ReportFixture.REGION));
    }

    @Test
    void send_withOnlyACentralTopic_publishesThere() {
        AlertChannels channels = new AlertChannels(new AlertComposer(), null, null, new SnsAlertPublisher(centralRegion, CENTRAL_TOPIC), true);

        List<String> messageIds = channels.send(new Alert("ECS Exec not ready: service a in b", "text", Map.of("account", "123456789012")));

        assertThat(messageIds).containsExactly("central-1");
        assertThat(memberRegion.requests).isEmpty();
    }

    @Test
    void constructor_withoutAnyTopic_isRefused() {
        assertThatThrownBy(() -> new AlertChannels(new AlertComposer(), null, null, null, true))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static MessageAttributeValue string(String value) {
        return MessageAttributeValue.builder().dataType(SnsAlertPublisher.STRING_DATA_TYPE).stringValue(value).build();
    }

    /** Records publish requests and answers with a message id naming the client; nothing else is supported. */
    private final class RecordingSns implements SnsClient {
        final List<PublishRequest> requests = new ArrayList<>();

        @Override
        public PublishResponse publish(PublishRequest request) {
            requests.add(request);
            String name = this == memberRegion ? "member-" : "central-";
            return PublishResponse.builder().messageId(name + requests.size()).build();
        }

        @Override
        public String serviceName() {
            return SERVICE_NAME;
        }

        @Override
        public void close() {
        }
    }
}
