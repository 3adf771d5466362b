package io.execready.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.execready.engine.Check;
import io.execready.engine.CheckStatus;
import io.execready.engine.ServiceCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the README's check table and the registries (task checks, then service checks) in step: same ids, same order, real statuses.
 * Rows whose description starts with {@value #TERMINAL_ONLY} are the command line's own checks, which the Lambda registries never
 * hold; the cli module's test keeps those in step with it.
 */
class ReadmeCheckTableTest {

    static final String TERMINAL_ONLY = "(terminal only)";
    private static final Pattern ROW = Pattern.compile("^\\| `([a-z0-9-]+)` \\|([^|]+)\\|([^|]+)\\|");

    private static Map<String, List<String>> readmeRows() throws IOException {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of("..", "README.md"))) {
            Matcher row = ROW.matcher(line);
            if (row.find() && !row.group(2).strip().startsWith(TERMINAL_ONLY)) {
                rows.put(row.group(1), Arrays.stream(row.group(3).split(",")).map(String::trim).toList());
            }
        }
        return rows;
    }

    @Test
    void readmeTable_listsEveryRegisteredCheckInRegistryOrder() throws IOException {
        List<String> registered = Stream.concat(
                CheckRegistry.all().stream().map(Check::id),
                ServiceCheckRegistry.all().stream().map(ServiceCheck::id)).toList();

        assertThat(readmeRows().keySet()).containsExactlyElementsOf(registered);
    }

    @Test
    void readmeTable_namesOnlyRealStatuses() throws IOException {
        List<String> statuses = Arrays.stream(CheckStatus.values()).map(Enum::name).toList();

        readmeRows().forEach((id, listed) -> assertThat(listed).as("statuses of %s", id).isNotEmpty().allMatch(statuses::contains));
    }
}
