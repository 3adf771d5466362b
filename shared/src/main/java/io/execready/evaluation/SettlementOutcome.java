package io.execready.evaluation;

import io.execready.snapshot.Subject;
import io.execready.state.PublishResult;
import java.util.Objects;

/**
 * What a stopped task meant for its subject.
 *
 * @param subject   the stopped task's subject
 * @param archived  whether the subject was gone and its findings were archived
 * @param reason    why, in one sentence
 * @param published what archiving imported ({@link PublishResult#NOTHING} when nothing was archived)
 */
public record SettlementOutcome(Subject subject, boolean archived, String reason, PublishResult published) {

    public SettlementOutcome {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(published, "published");
    }
}
