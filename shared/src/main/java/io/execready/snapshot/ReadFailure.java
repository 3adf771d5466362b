package io.execready.snapshot;

import java.util.Objects;

/**
 * One AWS read that failed, as data: which IAM action, what kind of failure, and what AWS or the
 * client said. Wording and remediation follow {@link #kind()}; nothing parses {@link #detail()}.
 *
 * @param action the IAM action of the read, for example {@code ecs:DescribeTaskDefinition}
 * @param kind   what kind of failure it was
 * @param detail what AWS or the client said (the error code and message, or the exception), kept
 *               as evidence; empty when there is nothing to add
 */
public record ReadFailure(String action, FailureKind kind, String detail) {

    public ReadFailure {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(kind, "kind");
        detail = detail == null ? "" : detail.strip();
    }

    /** "ecs:DescribeTaskDefinition was denied (AccessDeniedException: ...)", a clause without a final period. */
    public String describe() {
        String what = switch (kind) {
            case DENIED -> action + " was denied";
            case THROTTLED -> action + " was throttled and the retries ran out";
            case UNREACHABLE -> action + " could not reach AWS";
            case TIMED_OUT -> action + " timed out";
            case NOT_FOUND -> action + " found nothing";
            case INVALID_RESPONSE -> action + " answered without what the checker needs";
            case REJECTED -> action + " was rejected";
            case UNEXPECTED -> action + " failed unexpectedly";
        };
        return detail.isEmpty() ? what : what + " (" + trimmedDetail() + ")";
    }

    private String trimmedDetail() {
        String text = detail;
        while (text.endsWith(".")) {
            text = text.substring(0, text.length() - 1).strip();
        }
        return text;
    }

    @Override
    public String toString() {
        return describe();
    }
}
