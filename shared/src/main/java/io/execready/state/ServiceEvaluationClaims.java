package io.execready.state;

import io.execready.snapshot.Subject;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Debounces service events that repeat and carry no configuration (ECS Service Action, such as
 * SERVICE_STEADY_STATE): a service is evaluated at most once per window, however many functions
 * receive such events at once.
 */
@FunctionalInterface
public interface ServiceEvaluationClaims {

    /** Whether this caller may evaluate the service now; false when it was claimed within {@code window}. */
    boolean claim(Subject subject, Duration window);

    /** Claims kept in the subject store, conditional so that of concurrent callers at most one wins. */
    static ServiceEvaluationClaims stored(SubjectStore store, Clock clock) {
        return stored(() -> store, clock);
    }

    /** The same, with the store built on first use. */
    static ServiceEvaluationClaims stored(Supplier<SubjectStore> store, Clock clock) {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(clock, "clock");
        return (subject, window) -> store.get().claimServiceEvaluation(subject, clock.instant(), window);
    }
}
