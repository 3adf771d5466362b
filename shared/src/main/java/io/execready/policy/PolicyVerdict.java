package io.execready.policy;

/** What a resource policy decides about one request. */
public sealed interface PolicyVerdict {

    /** A statement allows the principal itself (by ARN, or {@code *}). */
    record Allowed(String statement) implements PolicyVerdict {
    }

    /**
     * A statement allows the principal's account ({@code arn:PARTITION:iam::ACCOUNT:root}): the
     * policy lets the account's IAM policies decide.
     */
    record DelegatedToAccount(String statement) implements PolicyVerdict {
    }

    /** A Deny statement matches. */
    record Denied(String statement) implements PolicyVerdict {
    }

    /** No statement allows or denies: refused, unless something else grants (for a key policy: nothing does). */
    record NotAllowed() implements PolicyVerdict {
    }

    /** A statement that could matter depends on what the engine cannot know. */
    record Undecidable(String statement, String reason) implements PolicyVerdict {
    }
}
