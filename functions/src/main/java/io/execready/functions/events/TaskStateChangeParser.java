package io.execready.functions.events;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.execready.snapshot.EcsTask;
import java.io.IOException;
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
        if (payload.length > MAX_EVENT_BYTES) {
            return new Rejected("payload of " + payload.length + " bytes exceeds the " + MAX_EVENT_BYTES + "-byte limit", null, null);
        }
        JsonNode event;
        try {
            event = EventBridgeEnvelopes.MAPPER.readTree(payload);
        } catch (IOException e) {
            return new Rejected("payload is not JSON: " + firstLine(e), null, null);
        }
        if (event == null || !event.isObject()) {
            return new Rejected("payload is not a JSON object", null, null);
        }
        ScheduledEvent envelope = EventBridgeEnvelopes.envelope(event);
        if (!SOURCE.equals(envelope.getSource()) || !DETAIL_TYPE.equals(envelope.getDetailType())) {
            return new Rejected("expected source '" + SOURCE + "' and detail-type '" + DETAIL_TYPE + "', got source '"
                    + envelope.getSource() + "' and detail-type '" + envelope.getDetailType() + "'",
                    envelope.getId(), envelope.getDetailType());
        }
        JsonNode detail = event.get("detail");
        if (detail == null || !detail.isObject()) {
            return new Rejected("event has no detail object", envelope.getId(), envelope.getDetailType());
        }
        TaskStateChangeDetail parsed;
        try {
            parsed = EventBridgeEnvelopes.MAPPER.treeToValue(detail, TaskStateChangeDetail.class);
        } catch (JsonProcessingException e) {
            return new Rejected("detail does not have the shape of an ECS task: " + firstLine(e), envelope.getId(), envelope.getDetailType());
        }
        List<String> missing = parsed.missingRequiredFields();
        if (!missing.isEmpty()) {
            return new Rejected("detail lacks required fields " + missing, envelope.getId(), envelope.getDetailType());
        }
        return new Accepted(envelope, parsed.toTask());
    }

    private static String firstLine(Exception e) {
        String message = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message.lines().findFirst().orElse(message);
    }
}
