package io.execready.cli;

import io.execready.cli.CheckOptions.Target;
import io.execready.engine.CheckResult;
import io.execready.engine.SubjectReport;
import java.io.PrintStream;
import java.util.List;

/** The same answer as the table, as Markdown to paste into a ticket: a heading and a table per subject. */
final class MarkdownOutput {

    private final PrintStream out;

    MarkdownOutput(PrintStream out) {
        this.out = out;
    }

    void print(CheckOutcome outcome, ExitStatus status) {
        out.println("## ECS Exec readiness: cluster `" + outcome.options().cluster() + "`");
        out.println();
        switch (outcome) {
            case CheckOutcome.NotStarted notStarted -> out.println("Could not check: " + cell(notStarted.why()) + ".");
            case CheckOutcome.Checked checked -> print(checked);
        }
        out.println();
        out.println("**Result:** " + switch (status) {
            case READY -> "Exec-ready";
            case NOT_READY -> "not ready, a check failed";
            case UNDETERMINED -> "could not tell, something could not be read";
            case USAGE -> "usage error";
        } + " (exit " + status.code() + ")");
    }

    private void print(CheckOutcome.Checked checked) {
        out.println("### This machine");
        out.println();
        out.println("Caller: `" + TableOutput.caller(checked.caller()) + "`");
        out.println();
        table(checked.machine());
        for (SubjectReport report : checked.reports()) {
            out.println();
            out.println("### " + Subjects.title(report) + ": " + (report.execReady() ? "READY" : "NOT READY"));
            out.println();
            table(report.results());
            List<ConnectCommands.Connect> connects = ConnectCommands.of(report);
            if (!connects.isEmpty()) {
                out.println();
                connects.forEach(connect -> out.println("- connect to `" + connect.container() + "`: `" + connect.command() + "`"));
            }
        }
        if (!checked.notEvaluated().isEmpty()) {
            out.println();
            out.println("### Not evaluated");
            out.println();
            checked.notEvaluated().forEach(reason -> out.println("- " + reason));
        }
        if (checked.options().target() instanceof Target.WholeCluster) {
            out.println();
            out.println("### Exec-ready containers now");
            out.println();
            List<SubjectReport> ready = checked.taskReports().stream().filter(SubjectReport::execReady).toList();
            if (ready.isEmpty()) {
                out.println("None.");
            }
            for (SubjectReport report : ready) {
                ConnectCommands.of(report).forEach(connect -> out.println("- " + report.subject().describe() + ", task `"
                        + report.task().taskId() + "`, container `" + connect.container() + "`: `" + connect.command() + "`"));
            }
        }
    }

    private void table(List<CheckResult> results) {
        out.println("| Status | Check | Message | Fix |");
        out.println("|---|---|---|---|");
        for (CheckResult result : results) {
            out.println("| " + Palette.label(result.status()) + " | `" + result.checkId() + "` | " + cell(result.message()) + " | "
                    + cell(result.remediation()) + " |");
        }
    }

    /** A table cell: pipes escaped, lines joined, so a message never breaks the table. */
    static String cell(String text) {
        return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r", "").replace("\n", "<br>");
    }
}
