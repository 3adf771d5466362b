package io.execready.harness;

import java.util.Map;
import java.util.Objects;

/**
 * A message published to an SNS topic of the emulator, as the emulator recorded it.
 *
 * @param topicArn          the topic it was published to
 * @param messageId         the id Publish returned
 * @param message           the message body
 * @param subject           the subject, or null when published without one
 * @param messageAttributes attribute name to its string value
 */
public record SnsNotification(String topicArn, String messageId, String message, String subject,
                              Map<String, String> messageAttributes) {

    public SnsNotification {
        Objects.requireNonNull(topicArn, "topicArn");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(message, "message");
        messageAttributes = messageAttributes == null ? Map.of() : Map.copyOf(messageAttributes);
    }
}
