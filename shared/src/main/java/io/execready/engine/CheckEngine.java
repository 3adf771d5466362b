package io.execready.engine;

import io.execready.snapshot.Subject;
import io.execready.snapshot.TaskContainer;
import io.execready.snapshot.TaskSnapshot;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Runs every registered check against a snapshot. A check that throws is reported as UNKNOWN with
 * the exception's description: one broken check never hides the others.
 */
public final class CheckEngine {

    private final List<Check> checks;
    private final Clock clock;

    public CheckEngine(List<Check> checks, Clock clock) {
        this.checks = List.copyOf(checks);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public List<Check> checks() {
        return checks;
    }

    /** Every check's verdict on a running task. */
    public TaskReport evaluate(TaskSnapshot snapshot) {
        return new TaskReport(snapshot.task(), Subject.of(snapshot.task()), clock.instant(), results(snapshot), execCapableContainers(snapshot),
                ReportResources.of(snapshot));
    }

    /** Every check's verdict, in registry order: on a running task, or on the next task of a service. */
    public List<CheckResult> results(TaskSnapshot snapshot) {
        List<CheckResult> results = new ArrayList<>(checks.size());
        for (Check check : checks) {
            results.add(evaluateOne(check, snapshot));
        }
        return results;
    }

    private static CheckResult evaluateOne(Check check, TaskSnapshot snapshot) {
        try {
            CheckResult result = check.evaluate(snapshot);
            if (!result.checkId().equals(check.id())) {
                throw new IllegalStateException("check " + check.id() + " returned a result for " + result.checkId());
            }
            return result;
        } catch (RuntimeException e) {
            return check.definition().unknown(
                    "The check " + check.id() + " could not evaluate task " + snapshot.task().taskArn() + ": " + e + ".",
                    "Report this to the ExecReady maintainers with the task ARN; the other checks are unaffected.");
        }
    }

    private static List<String> execCapableContainers(TaskSnapshot snapshot) {
        if (!snapshot.execEnabled()) {
            return List.of();
        }
        return snapshot.task().containers().stream()
                .filter(c -> c.executeCommandAgent().map(a -> "RUNNING".equals(a.status())).orElse(false))
                .map(TaskContainer::name)
                .toList();
    }
}
