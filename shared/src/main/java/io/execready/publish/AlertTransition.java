package io.execready.publish;

import io.execready.engine.CheckResult;
import io.execready.engine.CheckStatus;
import io.execready.engine.SubjectReport;
import io.execready.state.AlertState;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whether an evaluation changes a subject's alert state, and to what. Pure: the previous failing
 * set and the report decide.
 *
 * <p>A check that failed before and now could not be evaluated (UNKNOWN), or was not part of the
 * report, stays in the failing set: it says nothing new about ECS Exec, and must neither announce a
 * recovery nor a change.
 *
 * @param kind        the transition
 * @param failing     the failing set after it, sorted
 * @param recovered   for READY_AGAIN, the checks that failed before, sorted; else empty
 */
public record AlertTransition(Kind kind, List<String> failing, List<String> recovered) {

    public enum Kind {
        /** A ready (or new) subject has failing checks. */
        NOT_READY,
        /** A subject that was not ready fails a different set of checks. */
        FAILING_SET_CHANGED,
        /** A subject that was not ready has no failing check left. */
        READY_AGAIN,
        /** The subject is gone: its alert state is cleared, nothing is sent. */
        ARCHIVED
    }

    public AlertTransition {
        Objects.requireNonNull(kind, "kind");
        failing = List.copyOf(failing);
        recovered = List.copyOf(recovered);
    }

    /** The transition {@code report} makes from {@code previous}; empty when nothing changed. */
    public static Optional<AlertTransition> decide(AlertState previous, SubjectReport report) {
        List<String> before = previous.failingChecks();
        TreeSet<String> failingNow = new TreeSet<>();
        TreeSet<String> stillUnknown = new TreeSet<>();
        for (CheckResult result : report.results()) {
            if (result.status() == CheckStatus.FAIL) {
                failingNow.add(result.checkId());
            } else if (result.status() == CheckStatus.UNKNOWN && before.contains(result.checkId())) {
                stillUnknown.add(result.checkId());
            }
        }
        // A partial report (a service's preflight, which skips the checks that need a running task)
        // says nothing about the checks it did not evaluate: they stay as they were.
        Set<String> evaluated = new HashSet<>();
        report.results().forEach(result -> evaluated.add(result.checkId()));
        before.stream().filter(checkId -> !evaluated.contains(checkId)).forEach(stillUnknown::add);
        TreeSet<String> effective = new TreeSet<>(failingNow);
        effective.addAll(stillUnknown);
        List<String> after = List.copyOf(effective);
        if (!failingNow.isEmpty()) {
            if (after.equals(before)) {
                return Optional.empty();
            }
            return Optional.of(new AlertTransition(before.isEmpty() ? Kind.NOT_READY : Kind.FAILING_SET_CHANGED, after, List.of()));
        }
        if (!effective.isEmpty() || before.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new AlertTransition(Kind.READY_AGAIN, List.of(), before));
    }

    /** Clearing the state of a subject that is gone; empty when there is nothing to clear. */
    public static Optional<AlertTransition> archive(AlertState previous) {
        if (previous.revision() == 0 || Kind.ARCHIVED.name().equals(previous.kind())) {
            return Optional.empty();
        }
        return Optional.of(new AlertTransition(Kind.ARCHIVED, List.of(), List.of()));
    }
}
