package io.execready.functions.events;

import io.execready.snapshot.Arn;

/**
 * What an ECS name or ARN from an event must look like before anything is read or written for it.
 * ECS names are at most 255 characters of letters, digits, hyphens and underscores; anything else
 * could never succeed (a 10,000-character name exceeds even DynamoDB's key limit), so the event
 * is dropped with one log line instead of failing and being retried.
 */
final class EcsArns {

    /** ECS's limit for cluster and service names. */
    static final int MAX_NAME_LENGTH = 255;
    /** Room for the longest ARN ECS makes: partition, region, account, a 255-character cluster and a task id or name. */
    static final int MAX_ARN_LENGTH = 700;

    private EcsArns() {
    }

    /** An {@code arn:PARTITION:ecs:REGION:ACCOUNT:PREFIX...} with every part present, within ECS's lengths. */
    static boolean isResourceArn(String text, String resourcePrefix) {
        if (text == null || text.length() > MAX_ARN_LENGTH) {
            return false;
        }
        return Arn.parse(text)
                .filter(arn -> "ecs".equals(arn.service()))
                .filter(arn -> !arn.region().isBlank() && arn.accountId().matches("\\d{12}"))
                .filter(arn -> arn.resource().startsWith(resourcePrefix) && arn.resource().length() > resourcePrefix.length())
                .filter(arn -> arn.resource().chars().noneMatch(Character::isISOControl))
                .isPresent();
    }

    /** A cluster or service name as ECS allows it. */
    static boolean isName(String text) {
        return text != null && !text.isEmpty() && text.length() <= MAX_NAME_LENGTH && text.matches("[A-Za-z0-9_-]+");
    }

    /** A value from an event, shortened and without control characters, for a log line. */
    static String shown(String text) {
        if (text == null) {
            return "null";
        }
        String clean = text.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return clean.length() <= 80 ? "'" + clean + "'" : "'" + clean.substring(0, 80) + "...' (" + text.length() + " characters)";
    }

    /** A cluster or service given by name or ARN. */
    static boolean isNameOrArn(String text, String resourcePrefix) {
        return isName(text) || isResourceArn(text, resourcePrefix);
    }
}
