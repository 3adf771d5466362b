package io.execready.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.execready.cli.CheckOptions.Target;
import io.execready.engine.TaskReport;
import io.execready.fixtures.TaskSnapshotFixture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The same outcome (one ready task, one whose exec flag is off) printed in each format. */
class OutputFormatsTest {

    private static final String BROKEN_TASK = "0123456789abcdef0123456789abcdef";

    private static CheckOutcome.Checked outcome(Target target) {
        TaskReport ready = Outcomes.readyReport();
        TaskReport broken = Outcomes.report(TaskSnapshotFixture.fullyConfiguredFargateTask().withTaskId(BROKEN_TASK).withExecEnabled(false));
        return Outcomes.checked(target, Outcomes.currentMachine(), List.of(ready, broken), List.of());
    }

    private static String printed(Consumer<PrintStream> print) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        print.accept(out);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void table_withoutColour_showsEachSubjectsChecksFixesAndTheCommandThatOpensAShell() {
        CheckOutcome.Checked outcome = outcome(new Target.WholeCluster());
        String text = printed(out -> new TableOutput(new Palette(false), out).print(outcome, ExitStatus.of(outcome)));

        assertThat(text).doesNotContain("\u001b[");
        assertThat(text).contains("This machine  (you: " + Outcomes.CALLER + ")")
                .contains("PASS    session-manager-plugin")
                .contains("task " + TaskSnapshotFixture.TASK_ID + " (service payments-api in cluster prod)  ECS Exec: READY")
                .contains("task " + BROKEN_TASK + " (service payments-api in cluster prod)  ECS Exec: NOT READY")
                .contains("FAIL    exec-enabled")
                .contains("fix: ")
                .contains("PASS    caller-can-execute")
                .contains("connect to app: aws ecs execute-command --cluster prod --task " + TaskSnapshotFixture.TASK_ID
                        + " --container app --interactive --command /bin/sh")
                .contains("Exec-ready containers now")
                .contains("2 task(s) checked in cluster prod: 1 Exec-ready, 1 not ready.")
                .endsWith("NOT ready: a check failed (exit 1)" + System.lineSeparator());
        assertThat(text).doesNotContain("operator-can-execute", "operator-start-session-restricted");
    }

    @Test
    void table_withColour_paintsStatuses() {
        CheckOutcome.Checked outcome = outcome(new Target.OneTask(TaskSnapshotFixture.TASK_ID));
        String text = printed(out -> new TableOutput(new Palette(true), out).print(outcome, ExitStatus.of(outcome)));

        assertThat(text).contains("\u001b[32mPASS   \u001b[0m").contains("\u001b[1;31mFAIL   \u001b[0m");
        assertThat(text).as("the inventory is --all's").doesNotContain("Exec-ready containers now");
    }

    @Test
    void json_hasTheOnDemandReportShapeAndWhatOnlyTheTerminalKnows() throws Exception {
        CheckOutcome.Checked outcome = outcome(new Target.WholeCluster());
        JsonNode json = new ObjectMapper().readTree(printed(out -> new JsonOutput(out).print(outcome, ExitStatus.of(outcome))));

        assertThat(json.get("cluster").asText()).isEqualTo("prod");
        assertThat(json.get("outcome").asText()).isEqualTo("EVALUATED");
        assertThat(json.get("published").asBoolean()).isFalse();
        assertThat(json.get("tasksEvaluated").asInt()).isEqualTo(2);
        assertThat(json.get("execReady").asInt()).isEqualTo(1);
        assertThat(json.get("notReady").asInt()).isEqualTo(1);
        assertThat(json.get("exitCode").asInt()).isEqualTo(1);
        assertThat(json.get("caller").asText()).isEqualTo(Outcomes.CALLER);
        assertThat(json.get("thisMachine")).hasSize(2);
        JsonNode ready = json.get("reports").get(0);
        assertThat(ready.get("taskArn").asText()).isEqualTo(TaskSnapshotFixture.TASK_ARN);
        assertThat(ready.get("subject").asText()).isEqualTo("service payments-api in cluster prod");
        assertThat(ready.get("execReady").asBoolean()).isTrue();
        assertThat(ready.get("connectCommands").get(0).asText()).startsWith("aws ecs execute-command --cluster prod");
        JsonNode check = ready.get("checks").get(0);
        assertThat(check.fieldNames()).toIterable().contains("checkId", "title", "status", "severity", "message", "documentationUrl");
        assertThat(json.get("reports").get(1).get("connectCommands")).isEmpty();
        assertThat(json.get("inventory")).hasSize(1);
        assertThat(json.get("inventory").get(0).get("container").asText()).isEqualTo("app");
    }

    @Test
    void markdown_hasATablePerSubjectThatNoMessageBreaks() {
        CheckOutcome.Checked outcome = outcome(new Target.WholeCluster());
        String text = printed(out -> new MarkdownOutput(out).print(outcome, ExitStatus.of(outcome)));

        assertThat(text).startsWith("## ECS Exec readiness: cluster `prod`")
                .contains("### This machine")
                .contains("### task " + BROKEN_TASK + " (service payments-api in cluster prod): NOT READY")
                .contains("| Status | Check | Message | Fix |")
                .contains("| FAIL | `exec-enabled` |")
                .contains("- connect to `app`: `aws ecs execute-command --cluster prod")
                .contains("### Exec-ready containers now")
                .contains("**Result:** not ready, a check failed (exit 1)");
        assertThat(text.lines().filter(line -> line.startsWith("| ")))
                .allSatisfy(line -> assertThat(line.replace("\\|", "").chars().filter(c -> c == '|').count()).isEqualTo(5));
        assertThat(MarkdownOutput.cell("a | b\nc")).isEqualTo("a \\| b<br>c");
    }
}
