package io.execready.publish;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * An alert in the custom notification format of AWS's chat applications (Amazon Q Developer in
 * chat applications, formerly AWS Chatbot), for a topic of its own: the same subject and text,
 * as {@code {"version":"1.0","source":"custom","content":{...}}}. The message attributes stay,
 * so one filter policy works for both topics.
 */
public final class ChatNotifications {

    static final String VERSION = "1.0";
    static final String SOURCE = "custom";
    /** The chat application renders the description as Markdown. */
    static final String TEXT_TYPE = "client-markdown";
    /** Chat messages are read at a glance; the full text is in the e-mail alert and the findings. */
    static final int MAX_DESCRIPTION = 3500;
    static final int MAX_TITLE = 250;
    private static final List<String> KEYWORD_ATTRIBUTES = List.of(
            AlertComposer.ATTRIBUTE_STATUS, AlertComposer.ATTRIBUTE_SEVERITY, AlertComposer.ATTRIBUTE_CLUSTER,
            AlertComposer.ATTRIBUTE_SERVICE, AlertComposer.ATTRIBUTE_GROUP);
    private static final ObjectMapper JSON = new ObjectMapper();

    private ChatNotifications() {
    }

    public static Alert of(Alert alert) {
        ObjectNode notification = JSON.createObjectNode();
        notification.put("version", VERSION);
        notification.put("source", SOURCE);
        ObjectNode content = notification.putObject("content");
        content.put("textType", TEXT_TYPE);
        content.put("title", AsffLimits.truncate(alert.subject(), MAX_TITLE));
        content.put("description", AsffLimits.truncate("```\n" + alert.message().strip(), MAX_DESCRIPTION - 4) + "\n```");
        ArrayNode keywords = content.putArray("keywords");
        KEYWORD_ATTRIBUTES.stream().map(alert.attributes()::get).filter(value -> value != null).forEach(keywords::add);
        ObjectNode metadata = notification.putObject("metadata");
        metadata.put("summary", AsffLimits.truncate(alert.subject(), MAX_TITLE));
        metadata.put("eventType", "ExecReady" + alert.attributes().getOrDefault(AlertComposer.ATTRIBUTE_STATUS, "Alert"));
        try {
            return new Alert(alert.subject(), JSON.writeValueAsString(notification), alert.attributes());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings always serializes", e);
        }
    }
}
