package io.execready.cli;

import io.execready.cli.CheckOptions.OutputFormat;
import io.execready.cli.CheckOptions.Target;
import io.execready.cli.machine.AwsCliVersionCheck;
import io.execready.cli.machine.InstalledTool;
import io.execready.cli.machine.SessionManagerPluginCheck;
import io.execready.engine.CheckEngine;
import io.execready.engine.CheckResult;
import io.execready.engine.TaskReport;
import io.execready.evaluation.EvaluationOutcome;
import io.execready.evaluation.PublishAuthority;
import io.execready.evaluation.TaskBatchEvaluation.BatchOutcome;
import io.execready.fixtures.TaskSnapshotFixture;
import io.execready.publish.PublishResult;
import io.execready.snapshot.Fetched;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/** Check outcomes built from the engine's own fixtures, run through the terminal's checks. */
final class Outcomes {

    static final String CALLER = TaskSnapshotFixture.OPERATOR_ARN;
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-03T09:00:00Z"), ZoneOffset.UTC);

    private Outcomes() {
    }

    static CheckOptions options(Target target) {
        return new CheckOptions(TaskSnapshotFixture.CLUSTER, target, OutputFormat.TABLE, true, Optional.empty(), Optional.empty());
    }

    /** A report on the fixture's task with the caller allowed everything unless the fixture says otherwise. */
    static TaskReport report(TaskSnapshotFixture task) {
        return new CheckEngine(TerminalChecks.taskChecks(Fetched.present(CALLER)), CLOCK).evaluate(task.withOperators(CALLER).build());
    }

    static TaskReport readyReport() {
        return report(TaskSnapshotFixture.fullyConfiguredFargateTask());
    }

    /** The same report with its results replaced. */
    static TaskReport withResults(TaskReport report, List<CheckResult> results) {
        return new TaskReport(report.task(), report.subject(), report.evaluatedAt(), results, report.execCapableContainers());
    }

    static List<CheckResult> currentMachine() {
        return List.of(new SessionManagerPluginCheck().evaluate(new InstalledTool.Found("session-manager-plugin",
                        Path.of("/usr/local/bin/session-manager-plugin"), "1.2.764.0")),
                new AwsCliVersionCheck().evaluate(new InstalledTool.Found("aws", Path.of("/usr/local/bin/aws"), "aws-cli/2.31.0 Python/3.13.7")));
    }

    static List<CheckResult> machineWithoutPlugin() {
        return List.of(new SessionManagerPluginCheck().evaluate(new InstalledTool.Missing("session-manager-plugin", "/usr/bin")),
                currentMachine().get(1));
    }

    static CheckOutcome.Checked checked(Target target, List<CheckResult> machine, List<TaskReport> reports, List<String> notEvaluated) {
        return new CheckOutcome.Checked(options(target), Fetched.present(CALLER), machine, Optional.empty(),
                new CheckOutcome.Tasks.Evaluated(new BatchOutcome(reports.stream()
                        .map(r -> new EvaluationOutcome(r, new PublishAuthority(false, "report only"), PublishResult.NOTHING)).toList(),
                        notEvaluated)));
    }
}
