package io.execready.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.execready.functions.local.LocalCheckerRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every sample in events/ is what users feed to {@code sam local invoke}: each must also be fed to a
 * function by an end-to-end test here, so no sample drifts from what the handlers accept.
 */
class SampleEventsCoverageTest {

    @Test
    void everySampleEvent_isInvokedByAnEndToEndTest() throws IOException {
        String endToEndTests;
        try (Stream<Path> sources = Files.list(Path.of("src", "test", "java", "io", "execready", "functions"))) {
            List<Path> tests = sources.filter(p -> p.getFileName().toString().endsWith("EndToEndTest.java")).toList();
            StringBuilder all = new StringBuilder();
            for (Path test : tests) {
                all.append(Files.readString(test));
            }
            endToEndTests = all.toString();
        }
        try (Stream<Path> samples = Files.list(LocalCheckerRun.eventsDirectory())) {
            List<String> names = samples.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList();

            assertThat(names).isNotEmpty();
            assertThat(names).allSatisfy(name -> assertThat(endToEndTests).as("an end-to-end test feeding events/%s", name).contains("\"" + name + "\""));
        }
    }
}
