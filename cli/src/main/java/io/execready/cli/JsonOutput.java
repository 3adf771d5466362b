package io.execready.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.execready.cli.CheckOptions.Target;
import io.execready.engine.CheckResult;
import io.execready.engine.SubjectReport;
import io.execready.snapshot.Fetched;
import java.io.PrintStream;
import java.util.List;

/**
 * The answer as the on-demand function returns it (cluster, service, serviceReport, outcome,
 * tasksEvaluated, execReady, notReady, notEvaluated, reports with every check), so one parser reads
 * both; the terminal adds what only it knows: the caller, this machine's checks, the inventory of
 * exec-ready containers and the exit code.
 */
final class JsonOutput {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final PrintStream out;

    JsonOutput(PrintStream out) {
        this.out = out;
    }

    /** A report as the on-demand function's ReportView has it, connect commands quoted for the shell. */
    record ReportView(String taskArn, String subject, boolean execReady, List<String> connectCommands, List<CheckView> checks) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CheckView(String checkId, String title, String status, String severity, String message, String remediation,
                     String documentationUrl) {
    }

    record ReadyContainer(String taskArn, String subject, String container, String command) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Answer(String cluster, String service, ReportView serviceReport, String outcome, String error, Boolean published,
                  Integer tasksEvaluated, Long execReady, Long notReady, List<String> notEvaluated, List<ReportView> reports,
                  String caller, List<CheckView> thisMachine, List<ReadyContainer> inventory, int exitCode) {
    }

    void print(CheckOutcome outcome, ExitStatus status) {
        String service = outcome.options().target() instanceof Target.ServiceTasks asked ? asked.service() : null;
        Answer answer = switch (outcome) {
            case CheckOutcome.NotStarted notStarted -> new Answer(outcome.options().cluster(), service, null, "FAILED", notStarted.why(),
                    false, null, null, null, null, null, null, null, null, status.code());
            case CheckOutcome.Checked checked -> answer(checked, service, status);
        };
        try {
            out.println(JSON.writeValueAsString(answer));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the answer could not be written as JSON", e);
        }
    }

    private static Answer answer(CheckOutcome.Checked checked, String service, ExitStatus status) {
        List<SubjectReport> tasks = checked.taskReports();
        long ready = tasks.stream().filter(SubjectReport::execReady).count();
        ReportView serviceReport = checked.reports().size() > tasks.size() ? view(checked.reports().getFirst()) : null;
        List<ReadyContainer> inventory = checked.options().target() instanceof Target.WholeCluster
                ? tasks.stream().flatMap(report -> ConnectCommands.of(report).stream()
                        .map(c -> new ReadyContainer(report.task().taskArn(), report.subject().describe(), c.container(), c.command())))
                        .toList()
                : null;
        String caller = checked.caller() instanceof Fetched.Present<String> present ? present.value() : TableOutput.caller(checked.caller());
        return new Answer(checked.options().cluster(), service, serviceReport, "EVALUATED", null, false, tasks.size(), ready,
                tasks.size() - ready, checked.notEvaluated(), tasks.stream().map(JsonOutput::view).toList(), caller,
                checked.machine().stream().map(JsonOutput::check).toList(), inventory, status.code());
    }

    private static ReportView view(SubjectReport report) {
        return new ReportView(report.task().taskArn(), report.subject().describe(), report.execReady(),
                ConnectCommands.of(report).stream().map(ConnectCommands.Connect::command).toList(),
                report.results().stream().map(JsonOutput::check).toList());
    }

    private static CheckView check(CheckResult r) {
        return new CheckView(r.checkId(), r.title(), r.status().name(), r.severity().name(), r.message(),
                r.remediation().isEmpty() ? null : r.remediation(), r.documentationUrl());
    }
}
