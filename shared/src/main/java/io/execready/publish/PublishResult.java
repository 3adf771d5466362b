package io.execready.publish;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one publication (or archiving) changed in Security Hub, and which transition it made.
 *
 * @param findingsImported  findings this call imported
 * @param findingsUnchanged findings left alone because their content did not change (and no heartbeat was due)
 * @param findingsInFlight  findings left to a concurrent evaluation that is importing the same content
 * @param importCalls       BatchImportFindings calls made, retries included
 * @param alert             the alert transition this call made, if any, and what was sent for it
 * @param eventMarked       whether the call also marked the task event it published for as handled
 */
public record PublishResult(int findingsImported, int findingsUnchanged, int findingsInFlight, int importCalls, AlertStep alert,
                            boolean eventMarked) {

    /** Nothing published: evidence only, or a report nobody asked to publish. */
    public static final PublishResult NOTHING = new PublishResult(0, 0, 0, 0, AlertStep.NONE);

    public PublishResult {
        Objects.requireNonNull(alert, "alert");
    }

    /** A publication that marked no task event. */
    public PublishResult(int findingsImported, int findingsUnchanged, int findingsInFlight, int importCalls, AlertStep alert) {
        this(findingsImported, findingsUnchanged, findingsInFlight, importCalls, alert, false);
    }

    /** Whether a publication made an alert transition, and what was sent for it. */
    public sealed interface AlertStep {

        AlertStep NONE = new NoTransition();

        /** The subject's alert state did not change (or no alert channel is configured). */
        record NoTransition() implements AlertStep {
        }

        /**
         * The call made this transition.
         *
         * @param kind       the transition
         * @param messageIds SNS message ids of what was sent for it (alert topic first); empty when nothing was sent
         */
        record Transitioned(AlertTransition.Kind kind, List<String> messageIds) implements AlertStep {
            public Transitioned {
                Objects.requireNonNull(kind, "kind");
                messageIds = List.copyOf(messageIds);
            }
        }
    }

    public Optional<AlertTransition.Kind> transitionMade() {
        return alert instanceof AlertStep.Transitioned made ? Optional.of(made.kind()) : Optional.empty();
    }

    /** The alert topic's message id, when an alert was sent. */
    public Optional<String> alertMessageId() {
        return alert instanceof AlertStep.Transitioned made ? made.messageIds().stream().findFirst() : Optional.empty();
    }
}
