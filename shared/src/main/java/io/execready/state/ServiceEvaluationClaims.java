package io.execready.state;

import io.execready.snapshot.Subject;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Debounces service events that repeat and carry no configuration (ECS Service Action, such as
 * SERVICE_STEADY_STATE): a service is evaluated at most once per window, however many functions
 * receive such events at once.
 */
public final class ServiceEvaluationClaims {

    private final SubjectStore store;
    private final Clock clock;

    public ServiceEvaluationClaims(SubjectStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Whether this caller may evaluate the service now; false when it was claimed within {@code window}. */
    public boolean claim(Subject subject, Duration window) {
        return store.claimServiceEvaluation(subject, clock.instant(), window);
    }
}
