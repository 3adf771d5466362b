package io.execready.state;

import io.execready.snapshot.Subject;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Debounces service events that repeat and carry no configuration (ECS Service Action, such as
 * SERVICE_STEADY_STATE): a service evaluated within the window is not evaluated again.
 *
 * <p>An evaluation is recorded only after it finished (its findings published): one that failed
 * leaves no trace, so Lambda's retry of it evaluates instead of being debounced. Two events arriving
 * at the same moment may then both evaluate; the findings port makes their publications one.
 */
public interface ServiceEvaluationClaims {

    /** Whether the service's last finished evaluation is less than {@code window} old. */
    boolean evaluatedWithin(Subject subject, Duration window);

    /** Records that an evaluation of the service finished now. */
    void evaluated(Subject subject);

    /** Kept in the subject store. */
    static ServiceEvaluationClaims stored(SubjectStore store, Clock clock) {
        return stored(() -> store, clock);
    }

    /** The same, with the store built on first use. */
    static ServiceEvaluationClaims stored(Supplier<SubjectStore> store, Clock clock) {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(clock, "clock");
        return new ServiceEvaluationClaims() {
            @Override
            public boolean evaluatedWithin(Subject subject, Duration window) {
                return store.get().lastServiceEvaluation(subject)
                        .map(last -> last.isAfter(clock.instant().minus(window)))
                        .orElse(false);
            }

            @Override
            public void evaluated(Subject subject) {
                store.get().recordServiceEvaluation(subject, clock.instant());
            }
        };
    }
}
