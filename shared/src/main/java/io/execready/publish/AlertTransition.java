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
 * Whether an evaluation changes a subject's alert state, and to what. Pure: the previous state and
 * the report decide.
 *
 * <p>A failed read is not a change: a check that failed before and now could not be evaluated
 * (UNKNOWN), or was not part of the report, stays in the failing set; a report with no FAIL but an
 * UNKNOWN (undetermined) never announces a recovery, and one whose only failing checks are such
 * kept ones changes nothing until a read succeeds. A check that was undetermined when the subject
 * was alerted and is then read as failing confirms that alert: the failing set grows, nothing is
 * sent (a throttled read at the first alert must not make a second one).
 *
 * @param kind         the transition
 * @param failing      the failing set after it, sorted
 * @param recovered    for READY_AGAIN, the checks that failed before, sorted; else empty
 * @param undetermined the checks left undetermined after it, sorted
 */
public record AlertTransition(Kind kind, List<String> failing, List<String> recovered, List<String> undetermined) {

    public enum Kind {
        /** A ready (or new) subject has failing checks. */
        NOT_READY,
        /** A subject that was not ready fails a different set of checks. */
        FAILING_SET_CHANGED,
        /** Checks that could not be read at the last alert were read and fail: recorded, nothing is sent. */
        CONFIRMED,
        /** A subject that was not ready has no failing check left. */
        READY_AGAIN,
        /** The subject is gone: its alert state is cleared, nothing is sent. */
        ARCHIVED
    }

    public AlertTransition {
        Objects.requireNonNull(kind, "kind");
        failing = List.copyOf(failing);
        recovered = List.copyOf(recovered);
        undetermined = List.copyOf(undetermined);
    }

    public AlertTransition(Kind kind, List<String> failing, List<String> recovered) {
        this(kind, failing, recovered, List.of());
    }

    /** The transition {@code report} makes from {@code previous}; empty when nothing changed. */
    public static Optional<AlertTransition> decide(AlertState previous, SubjectReport report) {
        List<String> before = previous.failingChecks();
        Set<String> evaluated = new HashSet<>();
        TreeSet<String> failingNow = new TreeSet<>();
        TreeSet<String> unknownNow = new TreeSet<>();
        for (CheckResult result : report.results()) {
            evaluated.add(result.checkId());
            if (result.status() == CheckStatus.FAIL) {
                failingNow.add(result.checkId());
            } else if (result.status() == CheckStatus.UNKNOWN) {
                unknownNow.add(result.checkId());
            }
        }
        // Kept as they were: failing checks now unreadable, and (a service's preflight is a partial
        // report) failing checks this report did not evaluate.
        TreeSet<String> effective = new TreeSet<>(failingNow);
        before.stream().filter(id -> unknownNow.contains(id) || !evaluated.contains(id)).forEach(effective::add);
        TreeSet<String> undeterminedAfter = new TreeSet<>(unknownNow);
        undeterminedAfter.removeAll(effective);
        previous.undetermined().stream().filter(id -> !evaluated.contains(id) && !effective.contains(id)).forEach(undeterminedAfter::add);
        List<String> after = List.copyOf(effective);

        if (failingNow.isEmpty()) {
            if (!effective.isEmpty() || !unknownNow.isEmpty() || before.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new AlertTransition(Kind.READY_AGAIN, List.of(), before, List.of()));
        }
        if (after.equals(before)) {
            return Optional.empty();
        }
        if (before.isEmpty()) {
            return Optional.of(new AlertTransition(Kind.NOT_READY, after, List.of(), List.copyOf(undeterminedAfter)));
        }
        boolean onlyConfirms = effective.containsAll(before) && effective.stream()
                .filter(id -> !before.contains(id)).allMatch(previous.undetermined()::contains);
        return Optional.of(new AlertTransition(onlyConfirms ? Kind.CONFIRMED : Kind.FAILING_SET_CHANGED, after, List.of(),
                List.copyOf(undeterminedAfter)));
    }

    /** Clearing the state of a subject that is gone; empty when there is nothing to clear. */
    public static Optional<AlertTransition> archive(AlertState previous) {
        if (previous.revision() == 0 || Kind.ARCHIVED.name().equals(previous.kind())) {
            return Optional.empty();
        }
        return Optional.of(new AlertTransition(Kind.ARCHIVED, List.of(), List.of(), List.of()));
    }
}
