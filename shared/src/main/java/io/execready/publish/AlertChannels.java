package io.execready.publish;

import io.execready.engine.SubjectReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where transitions are announced: the alert topic, optionally a chat topic that gets the same
 * alert in the chat applications' custom notification format, and optionally an organisation's
 * central topic (in another account, often another region) that gets the same alert as the alert
 * topic, whose {@code account} and {@code region} attributes let its subscribers filter.
 */
public final class AlertChannels {

    private final AlertComposer composer;
    private final SnsAlertPublisher alertTopic;
    private final SnsAlertPublisher chatTopic;
    private final SnsAlertPublisher centralTopic;
    private final boolean readyAgainAlerts;

    /**
     * @param alertTopic       the alert topic, or null
     * @param chatTopic        the chat topic, or null
     * @param readyAgainAlerts whether READY_AGAIN transitions send a message
     */
    public AlertChannels(AlertComposer composer, SnsAlertPublisher alertTopic, SnsAlertPublisher chatTopic, boolean readyAgainAlerts) {
        this(composer, alertTopic, chatTopic, null, readyAgainAlerts);
    }

    /**
     * @param centralTopic the organisation's central alert topic, or null
     */
    public AlertChannels(AlertComposer composer, SnsAlertPublisher alertTopic, SnsAlertPublisher chatTopic,
            SnsAlertPublisher centralTopic, boolean readyAgainAlerts) {
        this.composer = Objects.requireNonNull(composer, "composer");
        if (alertTopic == null && chatTopic == null && centralTopic == null) {
            throw new IllegalArgumentException("alert channels need at least one topic");
        }
        this.alertTopic = alertTopic;
        this.chatTopic = chatTopic;
        this.centralTopic = centralTopic;
        this.readyAgainAlerts = readyAgainAlerts;
    }

    /** The message a transition sends; empty for transitions that are only recorded. */
    Optional<Alert> compose(AlertTransition transition, SubjectReport report, FindingScope scope) {
        return switch (transition.kind()) {
            case NOT_READY, FAILING_SET_CHANGED -> composer.compose(report, scope);
            case READY_AGAIN -> readyAgainAlerts ? composer.composeRecovered(report, scope, transition.recovered()) : Optional.empty();
            case CONFIRMED, ARCHIVED -> Optional.empty();
        };
    }

    /** Sends the alert to each topic; the SNS message ids, alert topic first, central topic last. */
    List<String> send(Alert alert) {
        List<String> messageIds = new ArrayList<>(3);
        if (alertTopic != null) {
            messageIds.add(alertTopic.publish(alert));
        }
        if (chatTopic != null) {
            messageIds.add(chatTopic.publish(ChatNotifications.of(alert)));
        }
        if (centralTopic != null) {
            messageIds.add(centralTopic.publish(alert));
        }
        return messageIds;
    }
}
