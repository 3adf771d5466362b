package io.execready.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.execready.engine.Check;
import io.execready.engine.CheckStatus;
import io.execready.snapshot.Fetched;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Keeps the README's terminal-only check rows and its exit-code table in step with the command line. */
class TerminalReadmeTest {

    private static final Pattern ROW = Pattern.compile("^\\| `([a-z0-9-]+)` \\|\\s*\\(terminal only\\)[^|]*\\|([^|]+)\\|");

    private static List<String> readme() throws IOException {
        return Files.readAllLines(Path.of("..", "README.md"));
    }

    @Test
    void checkTable_listsTheTerminalOnlyChecksInOrderWithRealStatuses() throws IOException {
        List<String> ids = new ArrayList<>();
        List<String> statuses = Arrays.stream(CheckStatus.values()).map(Enum::name).toList();
        for (String line : readme()) {
            Matcher row = ROW.matcher(line);
            if (row.find()) {
                ids.add(row.group(1));
                assertThat(Arrays.stream(row.group(2).split(",")).map(String::trim).toList()).as(row.group(1)).allMatch(statuses::contains);
            }
        }

        assertThat(ids).containsExactlyElementsOf(TerminalChecks.terminalOnlyIds());
    }

    @Test
    void exitCodeTable_namesEveryCodeAndEveryAdvisoryCheck() throws IOException {
        String text = String.join("\n", readme());
        for (ExitStatus status : ExitStatus.values()) {
            assertThat(text).contains("| " + status.code() + " | ");
        }
        String undetermined = readme().stream().filter(line -> line.startsWith("| 2 | ")).findFirst().orElseThrow();
        // The checks the terminal runs whose UNKNOWN leaves readiness decided: those that declare no operator error.
        TerminalChecks.taskChecks(Fetched.present("arn:aws:iam::123456789012:user/alice")).stream()
                .map(Check::definition)
                .filter(definition -> !definition.decidesReadiness())
                .forEach(definition -> assertThat(undetermined).contains("`" + definition.id() + "`"));
    }
}
