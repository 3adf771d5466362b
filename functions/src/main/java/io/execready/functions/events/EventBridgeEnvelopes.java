package io.execready.functions.events;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.joda.time.DateTime;

/**
 * Reads the EventBridge envelope into the Lambda events library's {@link ScheduledEvent}, which
 * models the envelope of every EventBridge event, not only schedules. The {@code detail} is left
 * to each trigger, which parses what it knows into its own records.
 */
public final class EventBridgeEnvelopes {

    /** Unknown properties are ignored everywhere: AWS adds fields to events at any time. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // "{...} garbage" is not one event: reject it rather than act on its first part.
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private EventBridgeEnvelopes() {
    }

    /** A payload read as one event: its JSON and envelope, or why it is not one. */
    public sealed interface Read {
    }

    /** A JSON object, with its envelope's fields. */
    public record Event(JsonNode json, ScheduledEvent envelope) implements Read {
        public Event {
            Objects.requireNonNull(json, "json");
            Objects.requireNonNull(envelope, "envelope");
        }

        /** The {@code detail} object, or empty when the event has none. */
        public Optional<JsonNode> detail() {
            JsonNode detail = json.get("detail");
            return detail != null && detail.isObject() ? Optional.of(detail) : Optional.empty();
        }
    }

    /** Too large, not JSON, or not a JSON object: nothing any trigger could use. */
    public record Unreadable(String reason) implements Read {
        public Unreadable {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Reads an invocation payload of at most {@code maxBytes} as an event; the one place every trigger's parser starts. */
    public static Read read(byte[] payload, int maxBytes) {
        if (payload.length > maxBytes) {
            return new Unreadable("payload of " + payload.length + " bytes exceeds the " + maxBytes + "-byte limit");
        }
        JsonNode json;
        try {
            json = MAPPER.readTree(payload);
        } catch (IOException e) {
            return new Unreadable("payload is not JSON: " + firstLine(e));
        }
        if (json == null || !json.isObject()) {
            return new Unreadable("payload is not a JSON object");
        }
        return new Event(json, envelope(json));
    }

    /** The first line of what a JSON or I/O failure says, without Jackson's location appendix. */
    public static String firstLine(Exception e) {
        String message = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message.lines().findFirst().orElse(message);
    }

    /**
     * The envelope's fields, each null when missing. Built field by field rather than by data
     * binding so that one malformed informational field (such as {@code time}) cannot drop an event.
     */
    public static ScheduledEvent envelope(JsonNode event) {
        ScheduledEvent envelope = new ScheduledEvent();
        envelope.setId(text(event, "id"));
        envelope.setSource(text(event, "source"));
        envelope.setDetailType(text(event, "detail-type"));
        envelope.setAccount(text(event, "account"));
        envelope.setRegion(text(event, "region"));
        envelope.setVersion(text(event, "version"));
        envelope.setTime(time(text(event, "time")));
        JsonNode resources = event.get("resources");
        if (resources != null && resources.isArray()) {
            List<String> list = new ArrayList<>();
            resources.forEach(r -> list.add(r.asText()));
            envelope.setResources(list);
        }
        return envelope;
    }

    private static DateTime time(String text) {
        if (text == null) {
            return null;
        }
        try {
            return DateTime.parse(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || !value.isValueNode() ? null : value.asText();
    }
}
