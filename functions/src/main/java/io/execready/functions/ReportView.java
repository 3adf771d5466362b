package io.execready.functions;

import io.execready.engine.CheckResult;
import io.execready.engine.SubjectReport;
import java.util.List;

/**
 * A task's report as the functions return it: every check with its verdict, message, fix and
 * documentation link, and for an Exec-ready task the commands that open a shell.
 */
record ReportView(
        String taskArn,
        String subject,
        boolean execReady,
        List<String> connectCommands,
        List<CheckView> checks) {

    record CheckView(String checkId, String title, String status, String severity, String message,
                     String remediation, String documentationUrl) {
    }

    static ReportView of(SubjectReport report) {
        return new ReportView(report.task().taskArn(), report.subject().describe(), report.execReady(),
                report.connectCommands(), report.results().stream().map(ReportView::check).toList());
    }

    private static CheckView check(CheckResult r) {
        return new CheckView(r.checkId(), r.title(), r.status().name(), r.severity().name(), r.message(),
                r.remediation().isEmpty() ? null : r.remediation(), r.documentationUrl());
    }
}
