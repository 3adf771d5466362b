package io.execready.publish;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishRequest;

/**
 * Sends an {@link Alert} to one SNS topic. The message is sent as a plain string (no
 * {@code MessageStructure}): SNS delivers message attributes only with that structure.
 */
public final class SnsAlertPublisher {

    static final String STRING_DATA_TYPE = "String";

    private final SnsClient sns;
    private final String topicArn;

    public SnsAlertPublisher(SnsClient sns, String topicArn) {
        this.sns = Objects.requireNonNull(sns, "sns");
        this.topicArn = Objects.requireNonNull(topicArn, "topicArn");
    }

    /** Publishes the alert and returns SNS's message id. */
    public String publish(Alert alert) {
        Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
        alert.attributes().forEach((name, value) ->
                attributes.put(name, MessageAttributeValue.builder().dataType(STRING_DATA_TYPE).stringValue(value).build()));
        PublishRequest request = PublishRequest.builder()
                .topicArn(topicArn)
                .subject(alert.subject())
                .message(alert.message())
                .messageAttributes(attributes)
                .build();
        try {
            return sns.publish(request).messageId();
        } catch (SdkException e) {
            throw new AlertPublishException("SNS did not accept the alert \"" + alert.subject() + "\" for topic " + topicArn, e);
        }
    }
}
