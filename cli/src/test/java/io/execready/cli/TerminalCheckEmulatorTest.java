package io.execready.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.execready.cli.machine.FakePrograms;
import io.execready.fixtures.SdkSystemProperties;
import io.execready.harness.LocalAws;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code execready check} end to end in this JVM: the real SDK against the emulator, a session of a
 * role with a path as the caller, fake Session Manager plugin and AWS CLI on PATH.
 */
@Tag("emulator")
class TerminalCheckEmulatorTest {

    private static LocalAws aws;
    private static TerminalScenario.Seeded seeded;
    private static SdkSystemProperties saved;

    @TempDir
    static Path bin;

    private Map<String, String> environment;

    @BeforeAll
    static void start() {
        saved = SdkSystemProperties.save();
        aws = LocalAws.start();
        aws.applyToSystemProperties();
        seeded = TerminalScenario.seed(aws);
    }

    @AfterAll
    static void stop() {
        if (aws != null) {
            aws.close();
        }
        System.clearProperty("aws.sessionToken");
        saved.restore();
    }

    @BeforeEach
    void actAsOperator() {
        TerminalScenario.actAs(aws, TerminalScenario.OPERATOR_ROLE_ARN);
        environment = new FakePrograms(bin).currentTools().environment();
    }

    private record Run(int code, String out, String err) {
    }

    private Run check(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> arguments = new ArrayList<>(List.of("check", "--cluster", TerminalScenario.CLUSTER, "--region", aws.region()));
        arguments.addAll(List.of(args));
        int code = ExecReadyCli.run(arguments, new Terminal(environment, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void readyTask_exits0_withTheCallersRoleResolvedThroughItsPath_andTheShellCommand() {
        Run run = check("--task", seeded.readyTaskId());

        assertThat(run.code()).as(run.out()).isZero();
        assertThat(run.out()).contains("(you: " + TerminalScenario.OPERATOR_ROLE_ARN + ")")
                .contains("PASS    caller-can-execute                 You (" + TerminalScenario.OPERATOR_ROLE_ARN + ") may run aws ecs execute-command")
                .contains("PASS    session-manager-plugin")
                .contains("PASS    aws-cli-version")
                .contains("connect to web: aws ecs execute-command --cluster terminal-demo --task " + seeded.readyTaskId()
                        + " --container web --interactive --command /bin/sh")
                .contains("Exec-ready (exit 0)")
                .doesNotContain("\u001b[");
    }

    @Test
    void wholeCluster_exits1_andListsTheContainersThatAreExecReadyNow() {
        Run run = check("--all");

        assertThat(run.code()).as(run.out()).isEqualTo(1);
        String inventory = run.out().substring(run.out().indexOf("Exec-ready containers now"));
        assertThat(inventory).contains("service web in cluster terminal-demo / web", "--task " + seeded.readyTaskId())
                .doesNotContain(seeded.brokenTaskId());
        assertThat(run.out()).contains("FAIL    writable-root-filesystem", "FAIL    task-role-ssmmessages",
                "2 task(s) checked in cluster terminal-demo: 1 Exec-ready, 1 not ready.");
    }

    @Test
    void service_asJson_givesTheServicesOwnReportAndItsTasks_andExits2ForTheNextTasksUnreadPlatform() throws Exception {
        Run run = check("--service", TerminalScenario.READY_SERVICE, "--output", "json");

        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("service").asText()).isEqualTo("web");
        JsonNode serviceReport = json.get("serviceReport");
        assertThat(serviceReport.get("subject").asText()).isEqualTo("service web in cluster terminal-demo");
        assertThat(json.get("tasksEvaluated").asInt()).isEqualTo(1);
        assertThat(json.get("execReady").asInt()).isEqualTo(1);
        assertThat(json.get("reports").get(0).get("connectCommands").get(0).asText()).contains("--task " + seeded.readyTaskId());
        assertThat(json.get("caller").asText()).isEqualTo(TerminalScenario.OPERATOR_ROLE_ARN);
        // The emulator's service reports no Fargate platform version: the next task's platform-version is UNKNOWN.
        assertThat(serviceReport.get("checks")).anySatisfy(check -> {
            assertThat(check.get("checkId").asText()).isEqualTo("platform-version");
            assertThat(check.get("status").asText()).isEqualTo("UNKNOWN");
        });
        assertThat(run.code()).isEqualTo(2);
        assertThat(json.get("exitCode").asInt()).isEqualTo(2);
    }

    @Test
    void brokenTask_asMarkdown_exits1() {
        Run run = check("--task", seeded.brokenTaskId(), "--output", "markdown");

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains("### task " + seeded.brokenTaskId() + " (service billing-api in cluster terminal-demo): NOT READY",
                "| FAIL | `task-role-ssmmessages` |", "**Result:** not ready, a check failed (exit 1)");
    }

    @Test
    void taskThatDoesNotExist_exits2() {
        Run run = check("--task", "0123456789abcdef0123456789abcdef");

        assertThat(run.code()).as(run.out()).isEqualTo(2);
        assertThat(run.out()).contains("Not evaluated", "0123456789abcdef0123456789abcdef");
    }

    @Test
    void callerWithoutExecuteCommand_exits1_namingTheGrantThatIsMissing() {
        TerminalScenario.actAs(aws, "arn:aws:iam::123456789012:role/" + TerminalScenario.READ_ONLY_ROLE);

        Run run = check("--task", seeded.readyTaskId());

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains("FAIL    caller-can-execute                 You (arn:aws:iam::123456789012:role/read-only) cannot run",
                "ecs:ExecuteCommand");
    }

    @Test
    void machineWithoutThePlugin_exits1EvenForAReadyTask() {
        environment = Map.of("PATH", "/nonexistent");

        Run run = check("--task", seeded.readyTaskId());

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains("FAIL    session-manager-plugin", "FAIL    aws-cli-version");
    }
}
