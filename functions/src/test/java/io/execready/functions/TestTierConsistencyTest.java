package io.execready.functions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the two test tiers apart by tag, not by luck: every test class that starts the AWS
 * emulator, DynamoDB Local or a Lambda runtime JVM (directly, or through a test fixture that does)
 * carries {@code @Tag("emulator")}, which the fast tier ({@code ./scripts/test --fast}) excludes.
 */
class TestTierConsistencyTest {

    /** The harness classes whose {@code start()} launches a process or an embedded server. */
    private static final Set<String> EMULATOR_STARTERS = Set.of("LocalAws", "LocalDynamoDb", "LambdaFunction");
    private static final String MODULES_TEST_SOURCES = "src/test/java";
    private static final Pattern CLASS_NAME = Pattern.compile("(?:class|record|enum|interface)\\s+(\\w+)");

    @Test
    void everyTestThatStartsAnEmulatorIsTaggedEmulator() {
        Map<Path, String> sources = testSources();
        Set<String> starters = startersThroughFixtures(sources);

        Set<String> untagged = new TreeSet<>();
        sources.forEach((path, source) -> {
            boolean isTest = source.contains("@Test") || source.contains("@ParameterizedTest");
            if (isTest && startsAny(source, starters) && !source.contains("@Tag(\"emulator\")")) {
                untagged.add(path.toString());
            }
        });

        assertThat(starters).as("the harness starters were found in the test sources").contains("LocalAws", "LocalDynamoDb");
        assertThat(untagged).as("test classes that start an emulator but lack @Tag(\"emulator\")").isEmpty();
    }

    @Test
    void fastTierStillHasTheCheckTests() {
        Map<Path, String> sources = testSources();
        long fast = sources.values().stream()
                .filter(s -> s.contains("@Test") && !s.contains("@Tag(\"emulator\")"))
                .count();
        assertThat(fast).as("test classes in the fast tier").isGreaterThan(50);
    }

    /**
     * The harness starters plus every test-tree class (a fixture, a demo run) that calls one of
     * them, repeated until nothing new is found.
     */
    private static Set<String> startersThroughFixtures(Map<Path, String> sources) {
        Set<String> starters = new HashSet<>(EMULATOR_STARTERS);
        boolean grew = true;
        while (grew) {
            grew = false;
            for (String source : sources.values()) {
                if (startsAny(source, starters)) {
                    Matcher name = CLASS_NAME.matcher(source);
                    if (name.find() && starters.add(name.group(1))) {
                        grew = true;
                    }
                }
            }
        }
        return starters;
    }

    private static boolean startsAny(String source, Set<String> starters) {
        return starters.stream().anyMatch(starter -> source.contains(starter + ".start("));
    }

    private static Map<Path, String> testSources() {
        Path root = repositoryRoot();
        List<Path> testRoots = List.of(
                root.resolve("shared").resolve(MODULES_TEST_SOURCES),
                root.resolve("functions").resolve(MODULES_TEST_SOURCES),
                root.resolve("test-harness").resolve(MODULES_TEST_SOURCES),
                root.resolve("cli").resolve(MODULES_TEST_SOURCES));
        return testRoots.stream()
                .filter(Files::isDirectory)
                .flatMap(TestTierConsistencyTest::javaFiles)
                .collect(Collectors.toMap(path -> root.relativize(path), TestTierConsistencyTest::read));
    }

    private static Stream<Path> javaFiles(Path directory) {
        try (Stream<Path> walk = Files.walk(directory)) {
            return walk.filter(p -> p.toString().endsWith(".java")).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path repositoryRoot() {
        for (Path directory = Path.of("").toAbsolutePath(); directory != null; directory = directory.getParent()) {
            if (Files.isRegularFile(directory.resolve("template.yaml")) && Files.isDirectory(directory.resolve("shared"))) {
                return directory;
            }
        }
        throw new IllegalStateException("the repository root (template.yaml, shared/) was not found above " + Path.of("").toAbsolutePath());
    }
}
