package io.execready.publish;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishRequest;

/**
 * Sends an {@link Alert} to one SNS topic. The message is sent as a plain string (no
 * {@code MessageStructure}): SNS delivers message attributes only with that structure. The check
 * ids go as one {@code String.Array} attribute (a JSON array), which a filter policy such as
 * {@code {"checkIds": ["ssm-reachable"]}} matches when any element equals one of its values.
 */
public final class SnsAlertPublisher {

    static final String STRING_DATA_TYPE = "String";
    static final String STRING_ARRAY_DATA_TYPE = "String.Array";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SnsClient sns;
    private final String topicArn;

    public SnsAlertPublisher(SnsClient sns, String topicArn) {
        this.sns = Objects.requireNonNull(sns, "sns");
        this.topicArn = Objects.requireNonNull(topicArn, "topicArn");
    }

    /** Publishes the alert and returns SNS's message id. */
    public String publish(Alert alert) {
        PublishRequest request = PublishRequest.builder()
                .topicArn(topicArn)
                .subject(alert.subject())
                .message(alert.message())
                .messageAttributes(attributes(alert))
                .build();
        try {
            return sns.publish(request).messageId();
        } catch (SdkException e) {
            throw new AlertPublishException("SNS did not accept the alert \"" + alert.subject() + "\" for topic " + topicArn, e);
        }
    }

    static Map<String, MessageAttributeValue> attributes(Alert alert) {
        Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
        alert.attributes().forEach((name, value) ->
                attributes.put(name, MessageAttributeValue.builder().dataType(STRING_DATA_TYPE).stringValue(value).build()));
        if (!alert.checkIds().isEmpty()) {
            attributes.put(AlertComposer.ATTRIBUTE_CHECK_IDS,
                    MessageAttributeValue.builder().dataType(STRING_ARRAY_DATA_TYPE).stringValue(jsonArray(alert)).build());
        }
        return attributes;
    }

    private static String jsonArray(Alert alert) {
        try {
            return JSON.writeValueAsString(alert.checkIds());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a list of strings always serializes", e);
        }
    }
}
