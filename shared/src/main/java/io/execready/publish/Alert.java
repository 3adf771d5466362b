package io.execready.publish;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One SNS message: a subject line, a plain-text body a person can act on, and the attributes
 * subscription filter policies match on: string attributes, and the check ids as one
 * {@code String.Array} attribute, so that a policy can route a single check.
 *
 * @param subject    fewer than 100 characters, one line
 * @param message    plain text
 * @param attributes string attributes, none blank; with the check ids at most 10 (SQS raw delivery drops the rest)
 * @param checkIds   the checks the alert is about, sent as the {@code checkIds} String.Array attribute when not empty
 * @param chat       what the chat format adds: its thread, next steps and related resources
 */
public record Alert(String subject, String message, Map<String, String> attributes, List<String> checkIds, ChatContext chat) {

    public static final int MAX_SUBJECT = 99;
    public static final int MAX_ATTRIBUTES = 10;

    /**
     * What a chat notification adds to the text.
     *
     * @param threadId         one per subject, so every alert about it lands in one thread
     * @param nextSteps        the fixes, one per line
     * @param relatedResources the ARNs of what the alert is about
     */
    public record ChatContext(String threadId, List<String> nextSteps, List<String> relatedResources) {
        public static final ChatContext NONE = new ChatContext("", List.of(), List.of());

        public ChatContext {
            Objects.requireNonNull(threadId, "threadId");
            nextSteps = List.copyOf(nextSteps);
            relatedResources = List.copyOf(relatedResources);
        }
    }

    public Alert {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(attributes, "attributes");
        checkIds = List.copyOf(checkIds);
        Objects.requireNonNull(chat, "chat");
        if (subject.isBlank() || subject.length() > MAX_SUBJECT || subject.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("An SNS subject is one line of 1 to " + MAX_SUBJECT + " characters: " + subject);
        }
        if (message.isBlank()) {
            throw new IllegalArgumentException("An alert needs a message");
        }
        int count = attributes.size() + (checkIds.isEmpty() ? 0 : 1);
        if (count > MAX_ATTRIBUTES) {
            throw new IllegalArgumentException("At most " + MAX_ATTRIBUTES + " attributes, got " + attributes.keySet() + " and checkIds");
        }
        if (!checkIds.isEmpty() && attributes.containsKey(AlertComposer.ATTRIBUTE_CHECK_IDS)) {
            throw new IllegalArgumentException("checkIds is the String.Array attribute, not a string one");
        }
        attributes.forEach((name, value) -> {
            if (name == null || name.isBlank() || value == null || value.isBlank()) {
                throw new IllegalArgumentException("Attribute names and values must not be blank: " + name + "=" + value);
            }
        });
        checkIds.forEach(id -> {
            if (id.isBlank()) {
                throw new IllegalArgumentException("A check id must not be blank");
            }
        });
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    /** An alert with string attributes only and no chat context. */
    public Alert(String subject, String message, Map<String, String> attributes) {
        this(subject, message, attributes, List.of(), ChatContext.NONE);
    }

    /** The same alert with another body (the chat format of it, for instance). */
    public Alert withMessage(String otherMessage) {
        return new Alert(subject, otherMessage, attributes, checkIds, chat);
    }
}
