package io.execready.cli;

import io.execready.engine.Readiness;
import io.execready.engine.SubjectReport;

/**
 * The process's exit status: what a script calling {@code execready check} branches on. It is the
 * engine's {@link Readiness} of everything checked (each subject's report and this machine's checks)
 * taken together, so the terminal and the functions call the same subject ready, not ready or
 * undetermined: a check that only recommends (it declares no operator error) never leaves a subject
 * undetermined by its UNKNOWN.
 */
public enum ExitStatus {
    /** Every subject is Exec-ready, and so is this machine. */
    READY(0),
    /** Some check FAILed: a subject, or this machine, is not ready. */
    NOT_READY(1),
    /** Nothing FAILed, but a check that decides readiness is UNKNOWN, or something could not be evaluated. */
    UNDETERMINED(2),
    /** The arguments are not a request (sysexits' EX_USAGE). */
    USAGE(64);

    private final int code;

    ExitStatus(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static ExitStatus of(CheckOutcome outcome) {
        return switch (outcome) {
            case CheckOutcome.NotStarted notStarted -> UNDETERMINED;
            case CheckOutcome.Checked checked -> of(readiness(checked));
        };
    }

    static ExitStatus of(Readiness readiness) {
        return switch (readiness) {
            case READY -> READY;
            case NOT_READY -> NOT_READY;
            case UNDETERMINED -> UNDETERMINED;
        };
    }

    /** This machine's readiness and every subject's, the least ready winning; a task not evaluated is undetermined. */
    private static Readiness readiness(CheckOutcome.Checked checked) {
        Readiness all = Readiness.of(checked.machine());
        for (SubjectReport report : checked.reports()) {
            all = all.and(report.readiness());
        }
        return checked.notEvaluated().isEmpty() ? all : all.and(Readiness.UNDETERMINED);
    }
}
