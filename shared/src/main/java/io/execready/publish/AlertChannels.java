package io.execready.publish;

import io.execready.engine.SubjectReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where transitions are announced: the alert topic, and optionally a chat topic that gets the same
 * alert in the chat applications' custom notification format.
 */
public final class AlertChannels {

    private final AlertComposer composer;
    private final SnsAlertPublisher alertTopic;
    private final SnsAlertPublisher chatTopic;
    private final boolean readyAgainAlerts;

    /**
     * @param alertTopic       the alert topic, or null
     * @param chatTopic        the chat topic, or null
     * @param readyAgainAlerts whether READY_AGAIN transitions send a message
     */
    public AlertChannels(AlertComposer composer, SnsAlertPublisher alertTopic, SnsAlertPublisher chatTopic, boolean readyAgainAlerts) {
        this.composer = Objects.requireNonNull(composer, "composer");
        if (alertTopic == null && chatTopic == null) {
            throw new IllegalArgumentException("alert channels need at least one topic");
        }
        this.alertTopic = alertTopic;
        this.chatTopic = chatTopic;
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

    /** Sends the alert to each topic; the SNS message ids, alert topic first. */
    List<String> send(Alert alert) {
        List<String> messageIds = new ArrayList<>(2);
        if (alertTopic != null) {
            messageIds.add(alertTopic.publish(alert));
        }
        if (chatTopic != null) {
            messageIds.add(chatTopic.publish(ChatNotifications.of(alert)));
        }
        return messageIds;
    }
}
