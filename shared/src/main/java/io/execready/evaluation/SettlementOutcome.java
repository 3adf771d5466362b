package io.execready.evaluation;

import io.execready.publish.PublishResult;
import io.execready.snapshot.Subject;
import java.util.Objects;

/** What a stopped task meant for its subject. */
public sealed interface SettlementOutcome {

    Subject subject();

    /** Why, in one sentence. */
    String why();

    /** The subject is gone (service deleted, or no task of the group left): its findings were archived. */
    record Archived(Subject subject, String why, PublishResult published) implements SettlementOutcome {
        public Archived {
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(why, "why");
            Objects.requireNonNull(published, "published");
        }
    }

    /** The subject lives on, or nothing was ever published for it: its findings were left alone. */
    record Kept(Subject subject, String why) implements SettlementOutcome {
        public Kept {
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(why, "why");
        }
    }
}
