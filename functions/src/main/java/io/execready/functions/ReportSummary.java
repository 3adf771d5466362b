package io.execready.functions;

import io.execready.engine.CheckResult;
import io.execready.engine.TaskReport;
import io.execready.evaluation.EvaluationOutcome;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON a handler returns (and what {@code sam local invoke} prints): the verdict, each check's
 * status, the failing checks with their fixes, what was published, and how to connect when ready.
 * A task that does not speak for its subject (an older deployment's) is reported with outcome
 * EVIDENCE_ONLY and the reason, its verdict in full, and nothing published.
 */
record ReportSummary(
        String outcome,
        String taskArn,
        String subject,
        boolean execReady,
        String publishReason,
        Map<String, String> statuses,
        List<Problem> problems,
        List<String> connectCommands,
        int findingsImported,
        int findingsUnchanged,
        String alertTransition,
        String alertMessageId) {

    static final String EVALUATED = "EVALUATED";
    static final String EVIDENCE_ONLY = "EVIDENCE_ONLY";

    record Problem(String checkId, String status, String message, String remediation, String documentationUrl) {
    }

    static ReportSummary of(EvaluationOutcome outcome) {
        TaskReport report = outcome.report();
        Map<String, String> statuses = new LinkedHashMap<>();
        report.results().forEach(r -> statuses.put(r.checkId(), r.status().name()));
        List<Problem> problems = report.results().stream()
                .filter(r -> switch (r.status()) {
                    case FAIL, WARN, UNKNOWN -> true;
                    case PASS, NOT_APPLICABLE -> false;
                })
                .map(ReportSummary::problem)
                .toList();
        return new ReportSummary(outcome.authority().authoritative() ? EVALUATED : EVIDENCE_ONLY, report.task().taskArn(),
                report.subject().describe(), report.execReady(), outcome.authority().reason(), statuses, problems,
                report.connectCommands(), outcome.findingsImported(), outcome.published().findingsUnchanged(),
                outcome.published().transitionMade().map(Enum::name).orElse(null), outcome.alertMessageId());
    }

    private static Problem problem(CheckResult r) {
        return new Problem(r.checkId(), r.status().name(), r.message(), r.remediation(), r.documentationUrl());
    }
}
