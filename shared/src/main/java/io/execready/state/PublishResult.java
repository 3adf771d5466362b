package io.execready.state;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one evaluation (or archiving) changed in Security Hub and which transition it made.
 *
 * @param findingsImported  findings this call imported
 * @param findingsUnchanged findings left alone because their content did not change (and no heartbeat was due)
 * @param findingsInFlight  findings left to a concurrent evaluation that is importing the same content
 * @param importCalls       BatchImportFindings calls made, retries included
 * @param transition        the alert transition this call made, or null
 * @param alertMessageIds   SNS message ids of what was sent for it (alert topic first); empty when nothing was sent
 */
public record PublishResult(int findingsImported, int findingsUnchanged, int findingsInFlight, int importCalls,
                            AlertTransition.Kind transition, List<String> alertMessageIds) {

    public static final PublishResult NOTHING = new PublishResult(0, 0, 0, 0, null, List.of());

    public PublishResult {
        alertMessageIds = List.copyOf(Objects.requireNonNull(alertMessageIds, "alertMessageIds"));
    }

    public Optional<AlertTransition.Kind> transitionMade() {
        return Optional.ofNullable(transition);
    }

    /** The alert topic's message id, when an alert was sent. */
    public Optional<String> alertMessageId() {
        return alertMessageIds.stream().findFirst();
    }
}
