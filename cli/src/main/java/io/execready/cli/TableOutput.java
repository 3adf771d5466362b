package io.execready.cli;

import io.execready.cli.CheckOptions.Target;
import io.execready.engine.CheckResult;
import io.execready.engine.CheckStatus;
import io.execready.engine.SubjectReport;
import io.execready.engine.TaskReport;
import io.execready.snapshot.Fetched;
import java.io.PrintStream;
import java.util.List;

/**
 * The terminal's answer: this machine first, then a section per subject (status, check, message,
 * and the fix under any check that needs one), the commands that open a shell, for {@code --all} the
 * inventory of exec-ready containers, and the verdict with its exit status last.
 */
final class TableOutput {

    private static final int ID_WIDTH = 34;

    private final Palette palette;
    private final PrintStream out;

    TableOutput(Palette palette, PrintStream out) {
        this.palette = palette;
        this.out = out;
    }

    void print(CheckOutcome outcome, ExitStatus status) {
        switch (outcome) {
            case CheckOutcome.NotStarted notStarted -> out.println(palette.undecided("Could not check cluster "
                    + notStarted.options().cluster() + ": " + notStarted.why() + "."));
            case CheckOutcome.Checked checked -> print(checked);
        }
        out.println();
        out.println(verdict(status));
    }

    private void print(CheckOutcome.Checked checked) {
        out.println(palette.bold("This machine") + palette.dim("  (you: " + caller(checked.caller()) + ")"));
        rows(checked.machine());
        for (SubjectReport report : checked.reports()) {
            out.println();
            out.println(palette.bold(Subjects.title(report)) + "  ECS Exec: " + (report.execReady()
                    ? palette.verdict(true, "READY") : palette.verdict(false, "NOT READY")));
            rows(report.results());
            for (ConnectCommands.Connect connect : ConnectCommands.of(report)) {
                out.println("  connect to " + connect.container() + ": " + palette.bold(connect.command()));
            }
        }
        List<String> notEvaluated = checked.notEvaluated();
        if (!notEvaluated.isEmpty()) {
            out.println();
            out.println(palette.bold("Not evaluated"));
            notEvaluated.forEach(reason -> out.println("  " + palette.status(CheckStatus.UNKNOWN) + " " + reason));
        }
        List<SubjectReport> tasks = checked.taskReports();
        if (checked.options().target() instanceof Target.WholeCluster) {
            inventory(tasks);
        }
        out.println();
        long ready = tasks.stream().filter(SubjectReport::execReady).count();
        out.println(tasks.size() + " task(s) checked in cluster " + checked.options().cluster() + ": " + ready + " Exec-ready, "
                + (tasks.size() - ready) + " not ready" + (notEvaluated.isEmpty() ? "" : ", " + notEvaluated.size() + " not evaluated") + ".");
    }

    private void inventory(List<SubjectReport> tasks) {
        out.println();
        out.println(palette.bold("Exec-ready containers now"));
        List<TaskReport> ready = tasks.stream().filter(SubjectReport::execReady)
                .filter(TaskReport.class::isInstance).map(TaskReport.class::cast).toList();
        if (ready.isEmpty()) {
            out.println("  none");
            return;
        }
        for (TaskReport report : ready) {
            for (ConnectCommands.Connect connect : ConnectCommands.of(report)) {
                out.println("  " + pad(report.subject().describe() + " / " + connect.container(), ID_WIDTH + 8) + " " + connect.command());
            }
        }
    }

    private void rows(List<CheckResult> results) {
        for (CheckResult result : results) {
            out.println("  " + palette.status(result.status()) + " " + pad(result.checkId(), ID_WIDTH) + " " + result.message());
            if (!result.remediation().isEmpty() && result.status() != CheckStatus.PASS) {
                out.println("  " + " ".repeat(8 + ID_WIDTH) + palette.dim("fix: ") + result.remediation());
            }
        }
    }

    private String verdict(ExitStatus status) {
        return switch (status) {
            case READY -> palette.verdict(true, "Exec-ready (exit 0)");
            case NOT_READY -> palette.verdict(false, "NOT ready: a check failed (exit 1)");
            case UNDETERMINED -> palette.undecided("Could not tell: nothing failed, but something could not be read (exit 2)");
            case USAGE -> "usage error (exit 64)";
        };
    }

    static String caller(Fetched<String> caller) {
        return switch (caller) {
            case Fetched.Present<String> present -> present.value();
            case Fetched.Absent<String> absent -> absent.description();
            case Fetched.Failed<String> failed -> "unknown, " + failed.failure().describe();
        };
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }
}
