package io.execready.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The process's contract before any AWS call: help, and usage errors as exit status 64. */
class ExecReadyCliTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Terminal terminal = new Terminal(Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8), false);

    @Test
    void help_printsUsageWithTheExitCodesAndExits0() {
        int code = ExecReadyCli.run(List.of("--help"), terminal);

        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("execready check --cluster CLUSTER (--task TASK | --service SERVICE | --all)",
                "0   ready: every subject is Exec-ready", "1   not ready: a check FAILed", "2   undetermined: nothing FAILed", "64  usage error");
    }

    @Test
    void usageError_explainsOnStandardErrorAndExits64() {
        int code = ExecReadyCli.run(List.of("check", "--task", "abc", "--service", "web", "--output", "xml"), terminal);

        assertThat(code).isEqualTo(64);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("execready: --cluster is required",
                "execready: give exactly one of --task, --service or --all", "--output must be table, json or markdown",
                "Run 'execready --help' for usage.");
    }

    @Test
    void unknownCommand_exits64() {
        assertThat(ExecReadyCli.run(List.of("inspect", "--cluster", "c"), terminal)).isEqualTo(64);
    }

    @Test
    void colour_isOffWhenNotATerminalOrNoColorIsSet() {
        PrintStream stream = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

        assertThat(new Terminal(Map.of(), stream, stream, true).wantsColor()).isTrue();
        assertThat(new Terminal(Map.of(), stream, stream, false).wantsColor()).isFalse();
        assertThat(new Terminal(Map.of("NO_COLOR", "1"), stream, stream, true).wantsColor()).isFalse();
    }
}
