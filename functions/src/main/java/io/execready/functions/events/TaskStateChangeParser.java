package io.execready.functions.events;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.execready.snapshot.EcsTask;
import java.util.List;
import java.util.Objects;

/**
 * Turns the raw bytes of an invocation into an ECS task, or into a reason it cannot be one. Bad
 * input is an outcome, not an exception: retrying a malformed event would only fail again.
 */
public final class TaskStateChangeParser {

    /** EventBridge events are at most 256 KB; anything far larger is not one of ours. */
    public static final int MAX_EVENT_BYTES = 1024 * 1024;

    static final String SOURCE = "aws.ecs";
    static final String DETAIL_TYPE = "ECS Task State Change";

    /** The result of parsing one invocation payload. */
    public sealed interface Parsed {
    }

    /** A task state change with every field an evaluation needs. */
    public record Accepted(ScheduledEvent envelope, EcsTask task) implements Parsed {
        public Accepted {
            Objects.requireNonNull(envelope, "envelope");
            Objects.requireNonNull(task, "task");
        }
    }

    /** Not something this function evaluates; {@code reason} says why, for the log. */
    public record Rejected(String reason, String eventId, String detailType) implements Parsed {
    }

    public Parsed parse(byte[] payload) {
        return switch (EventBridgeEnvelopes.read(payload, MAX_EVENT_BYTES)) {
            case EventBridgeEnvelopes.Unreadable unreadable -> new Rejected(unreadable.reason(), null, null);
            case EventBridgeEnvelopes.Event event -> parse(event);
        };
    }

    private static Parsed parse(EventBridgeEnvelopes.Event event) {
        ScheduledEvent envelope = event.envelope();
        if (!SOURCE.equals(envelope.getSource()) || !DETAIL_TYPE.equals(envelope.getDetailType())) {
            return new Rejected("expected source '" + SOURCE + "' and detail-type '" + DETAIL_TYPE + "', got source '"
                    + envelope.getSource() + "' and detail-type '" + envelope.getDetailType() + "'",
                    envelope.getId(), envelope.getDetailType());
        }
        if (event.detail().isEmpty()) {
            return new Rejected("event has no detail object", envelope.getId(), envelope.getDetailType());
        }
        TaskStateChangeDetail parsed;
        try {
            parsed = EventBridgeEnvelopes.MAPPER.treeToValue(event.detail().get(), TaskStateChangeDetail.class);
        } catch (JsonProcessingException e) {
            return new Rejected("detail does not have the shape of an ECS task: " + EventBridgeEnvelopes.firstLine(e),
                    envelope.getId(), envelope.getDetailType());
        }
        List<String> missing = parsed.missingRequiredFields();
        if (!missing.isEmpty()) {
            return new Rejected("detail lacks required fields " + missing, envelope.getId(), envelope.getDetailType());
        }
        return new Accepted(envelope, parsed.toTask());
    }
}
