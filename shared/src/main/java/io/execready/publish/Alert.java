package io.execready.publish;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One SNS message: a subject line, a plain-text body a person can act on, and string attributes
 * that subscription filter policies match on.
 *
 * @param subject    fewer than 100 characters, one line
 * @param message    plain text
 * @param attributes at most 10 (SQS raw delivery drops the rest), none blank
 */
public record Alert(String subject, String message, Map<String, String> attributes) {

    public static final int MAX_SUBJECT = 99;
    public static final int MAX_ATTRIBUTES = 10;

    public Alert {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(attributes, "attributes");
        if (subject.isBlank() || subject.length() > MAX_SUBJECT || subject.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("An SNS subject is one line of 1 to " + MAX_SUBJECT + " characters: " + subject);
        }
        if (message.isBlank()) {
            throw new IllegalArgumentException("An alert needs a message");
        }
        if (attributes.size() > MAX_ATTRIBUTES) {
            throw new IllegalArgumentException("At most " + MAX_ATTRIBUTES + " attributes, got " + attributes.keySet());
        }
        attributes.forEach((name, value) -> {
            if (name == null || name.isBlank() || value == null || value.isBlank()) {
                throw new IllegalArgumentException("Attribute names and values must not be blank: " + name + "=" + value);
            }
        });
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }
}
