package io.execready.evaluation;

import io.execready.engine.ServiceReport;
import io.execready.publish.PublishResult;
import io.execready.snapshot.Subject;
import java.util.Objects;

/** What a service trigger did. */
public sealed interface ServiceOutcome {

    /** What the outcome changed in Security Hub and the alert state; nothing for those that publish nothing. */
    PublishResult published();

    /** The service was evaluated: its preflight and service checks, and what publishing them changed. */
    record Evaluated(ServiceReport report, PublishResult published) implements ServiceOutcome {
        public Evaluated {
            Objects.requireNonNull(report, "report");
            Objects.requireNonNull(published, "published");
        }
    }

    /** The service is gone (deleted, or draining after deletion): its findings were archived. */
    record Archived(Subject subject, String why, PublishResult published) implements ServiceOutcome {
        public Archived {
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(why, "why");
            Objects.requireNonNull(published, "published");
        }
    }

    /** The service could not be evaluated (ECS has no such service, or it could not be read for a report). */
    record NotEvaluated(String why) implements ServiceOutcome {
        public NotEvaluated {
            Objects.requireNonNull(why, "why");
        }

        @Override
        public PublishResult published() {
            return PublishResult.NOTHING;
        }
    }

    /** A repeated service event within the debounce window of the service's last evaluation: nothing done. */
    record Debounced(Subject subject, String why) implements ServiceOutcome {
        public Debounced {
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(why, "why");
        }

        @Override
        public PublishResult published() {
            return PublishResult.NOTHING;
        }
    }
}
