package io.execready.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.NotFoundException;
import software.amazon.awssdk.services.sns.model.PublishRequest;
import software.amazon.awssdk.services.sns.model.PublishResponse;

class SnsAlertPublisherTest {

    private static final String TOPIC_ARN = "arn:aws:sns:eu-west-1:123456789012:exec-ready-alerts";

    @Test
    void publish_sendsSubjectPlainMessageAndStringAttributes_andReturnsMessageId() {
        CapturingSnsClient sns = new CapturingSnsClient(false);
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("severity", "HIGH");
        attributes.put("status", "NOT_READY");
        Alert alert = new Alert("ECS Exec not ready: service payments-api in prod", "ECS Exec is not ready.\nFix it.\n", attributes,
                List.of("exec-enabled", "task-role-present"), Alert.ChatContext.NONE);

        String messageId = new SnsAlertPublisher(sns, TOPIC_ARN).publish(alert);

        assertThat(messageId).isEqualTo("message-1");
        PublishRequest request = sns.requests.getFirst();
        assertThat(request.topicArn()).isEqualTo(TOPIC_ARN);
        assertThat(request.subject()).isEqualTo("ECS Exec not ready: service payments-api in prod");
        assertThat(request.message()).isEqualTo("ECS Exec is not ready.\nFix it.\n");
        assertThat(request.messageStructure()).isNull();
        assertThat(request.messageAttributes()).containsOnlyKeys("severity", "status", "checkIds");
        assertThat(request.messageAttributes().get("severity").dataType()).isEqualTo("String");
        assertThat(request.messageAttributes().get("status").dataType()).isEqualTo("String");
        // A String.Array, so that a filter policy can match one check among several.
        assertThat(request.messageAttributes().get("checkIds").dataType()).isEqualTo("String.Array");
        assertThat(request.messageAttributes().get("checkIds").stringValue()).isEqualTo("[\"exec-enabled\",\"task-role-present\"]");
    }

    @Test
    void publish_whenSnsRejectsTheMessage_failsNamingTheTopic() {
        CapturingSnsClient sns = new CapturingSnsClient(true);
        Alert alert = new Alert("ECS Exec not ready: service a in b", "text", Map.of("status", "NOT_READY"));

        assertThatThrownBy(() -> new SnsAlertPublisher(sns, TOPIC_ARN).publish(alert))
                .isInstanceOf(AlertPublishException.class)
                .hasMessageContaining(TOPIC_ARN)
                .hasCauseInstanceOf(NotFoundException.class);
    }

    /** Records publish requests; every other operation keeps the SDK default (unsupported). */
    private static final class CapturingSnsClient implements SnsClient {
        final List<PublishRequest> requests = new ArrayList<>();
        private final boolean topicMissing;

        CapturingSnsClient(boolean topicMissing) {
            this.topicMissing = topicMissing;
        }

        @Override
        public PublishResponse publish(PublishRequest request) {
            requests.add(request);
            if (topicMissing) {
                throw NotFoundException.builder().statusCode(404)
                        .awsErrorDetails(AwsErrorDetails.builder().errorCode("NotFound").errorMessage("Topic does not exist").build())
                        .build();
            }
            return PublishResponse.builder().messageId("message-" + requests.size()).build();
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
