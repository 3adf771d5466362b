package io.execready.publish;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * An alert in the custom notification format of AWS's chat applications (Amazon Q Developer in
 * chat applications, formerly AWS Chatbot), for a topic of its own:
 * {@code {"version":"1.0","source":"custom","content":{...},"metadata":{...}}}, with the fixes as
 * {@code nextSteps}, one {@code threadId} per subject (every alert about a service lands in one
 * thread) and the subject, task and blamed resources as {@code relatedResources}. The message
 * attributes stay, so one filter policy works for both topics.
 */
public final class ChatNotifications {

    static final String VERSION = "1.0";
    static final String SOURCE = "custom";
    /** The chat application renders the description as Markdown. */
    static final String TEXT_TYPE = "client-markdown";
    /** Chat messages are read at a glance; the full text is in the e-mail alert and the findings. */
    static final int MAX_DESCRIPTION = 3500;
    static final int MAX_TITLE = 250;
    static final int MAX_NEXT_STEPS = 10;
    static final int MAX_NEXT_STEP = 500;
    static final int MAX_RELATED_RESOURCES = 10;
    static final String CUT_MARKER = "\n(more in the e-mail alert and the Security Hub findings)";
    private static final String FENCE = "```";
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
        int room = MAX_DESCRIPTION - 2 * (FENCE.length() + 1);
        content.put("description", FENCE + "\n" + atSentence(alert.message().strip(), room) + "\n" + FENCE);
        ArrayNode nextSteps = content.putArray("nextSteps");
        alert.chat().nextSteps().stream().limit(MAX_NEXT_STEPS).map(step -> atSentence(step, MAX_NEXT_STEP)).forEach(nextSteps::add);
        ArrayNode keywords = content.putArray("keywords");
        KEYWORD_ATTRIBUTES.stream().map(alert.attributes()::get).filter(value -> value != null).forEach(keywords::add);
        alert.checkIds().forEach(keywords::add);
        ObjectNode metadata = notification.putObject("metadata");
        if (!alert.chat().threadId().isBlank()) {
            metadata.put("threadId", alert.chat().threadId());
        }
        metadata.put("summary", AsffLimits.truncate(alert.subject(), MAX_TITLE));
        metadata.put("eventType", "ExecReady" + alert.attributes().getOrDefault(AlertComposer.ATTRIBUTE_STATUS, "Alert"));
        ArrayNode related = metadata.putArray("relatedResources");
        alert.chat().relatedResources().stream().limit(MAX_RELATED_RESOURCES).forEach(related::add);
        try {
            return alert.withMessage(JSON.writeValueAsString(notification));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings always serializes", e);
        }
    }

    /**
     * {@code text} when it fits in {@code max} characters, else its longest start that ends a
     * sentence or a line, followed by a note that there is more; a text with no such end within
     * reach is cut at the last space. Never mid-sentence where a sentence end is in reach.
     */
    static String atSentence(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int room = max - CUT_MARKER.length();
        int end = -1;
        for (int i = Math.min(room, text.length()) - 1; i > 0; i--) {
            char c = text.charAt(i);
            boolean lineEnd = c == '\n';
            boolean sentenceEnd = (c == '.' || c == '!' || c == '?') && (i + 1 == text.length() || Character.isWhitespace(text.charAt(i + 1)));
            if (lineEnd || sentenceEnd) {
                end = lineEnd ? i : i + 1;
                break;
            }
        }
        if (end <= 0) {
            int space = text.lastIndexOf(' ', room - AsffLimits.ELLIPSIS.length());
            return (space > 0 ? text.substring(0, space) + AsffLimits.ELLIPSIS : AsffLimits.truncate(text, room)) + CUT_MARKER;
        }
        return text.substring(0, end).stripTrailing() + CUT_MARKER;
    }
}
