package io.execready.cli.machine;

import static org.assertj.core.api.Assertions.assertThat;

import io.execready.engine.CheckResult;
import io.execready.engine.CheckStatus;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The two checks of a person's machine, run against fake programs on PATH through {@link LocalTools}. */
class MachineChecksTest {

    @TempDir
    Path bin;

    private FakePrograms programs;

    @BeforeEach
    void setUp() {
        programs = new FakePrograms(bin);
    }

    private CheckResult plugin() {
        return new SessionManagerPluginCheck().evaluate(new LocalTools(programs.environment(), Duration.ofSeconds(10))
                .version(SessionManagerPluginCheck.PROGRAM));
    }

    private CheckResult cli() {
        return new AwsCliVersionCheck().evaluate(new LocalTools(programs.environment(), Duration.ofSeconds(10)).version(AwsCliVersionCheck.PROGRAM));
    }

    @Test
    void sessionManagerPlugin_whenMissing_fails() {
        CheckResult result = plugin();

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.message()).contains("not on this machine's PATH", "SessionManagerPlugin is not found");
        assertThat(result.remediation()).contains("session-manager-working-with-install-plugin");
    }

    @Test
    void sessionManagerPlugin_olderThan1_2_764_warns() {
        programs.program("session-manager-plugin", "1.2.650.0", 0);

        CheckResult result = plugin();

        assertThat(result.status()).isEqualTo(CheckStatus.WARN);
        assertThat(result.message()).contains("version 1.2.650.0", "older than 1.2.764.0");
    }

    @Test
    void sessionManagerPlugin_atOrAbove1_2_764_passes() {
        programs.program("session-manager-plugin", "1.2.764.0", 0);
        assertThat(plugin().status()).isEqualTo(CheckStatus.PASS);

        programs.program("session-manager-plugin", "1.10.0.0", 0);
        assertThat(plugin().status()).as("compared as numbers, not text").isEqualTo(CheckStatus.PASS);
    }

    @Test
    void sessionManagerPlugin_thatFailsToRun_fails() {
        programs.program("session-manager-plugin", "segmentation fault", 139);

        CheckResult result = plugin();

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.message()).contains("exited with status 139", "segmentation fault");
    }

    @Test
    void sessionManagerPlugin_thatPrintsNoVersion_isUnknown() {
        programs.program("session-manager-plugin", "usage: session-manager-plugin", 0);

        assertThat(plugin().status()).isEqualTo(CheckStatus.UNKNOWN);
    }

    @Test
    void sessionManagerPlugin_thatHangs_isStoppedAndFails() {
        programs.script("session-manager-plugin", "exec sleep 30\n");

        CheckResult result = new SessionManagerPluginCheck().evaluate(
                new LocalTools(programs.environment(), Duration.ofMillis(300)).version(SessionManagerPluginCheck.PROGRAM));

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.message()).contains("did not answer within");
    }

    @Test
    void awsCli_whenMissing_fails() {
        CheckResult result = cli();

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.message()).contains("not on this machine's PATH");
    }

    @Test
    void awsCli_v2BelowMinimum_failsAndAtMinimum_passes() {
        programs.program("aws", "aws-cli/2.3.5 Python/3.8.8 Linux/5.10 exe/x86_64.amzn.2 prompt/off", 0);
        CheckResult old = cli();
        assertThat(old.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(old.message()).contains("version 2.3.5", "older than 2.3.6");

        programs.program("aws", "aws-cli/2.3.6 Python/3.8.8 Linux/5.10 exe/x86_64.amzn.2 prompt/off", 0);
        assertThat(cli().status()).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void awsCli_v1ReadFromStandardError_judgedAgainstTheV1Minimum() {
        programs.programOnStderr("aws", "aws-cli/1.22.2 Python/3.9.7 Linux/5.10 botocore/1.23.2");
        assertThat(cli().status()).isEqualTo(CheckStatus.FAIL);

        programs.programOnStderr("aws", "aws-cli/1.22.3 Python/3.9.7 Linux/5.10 botocore/1.23.3");
        CheckResult current = cli();
        assertThat(current.status()).isEqualTo(CheckStatus.PASS);
        assertThat(current.evidence()).containsEntry("version", "1.22.3");
    }

    @Test
    void awsCli_thatIsNotTheAwsCli_isUnknown() {
        programs.program("aws", "aws: command from another package 0.1", 0);

        assertThat(cli().status()).isEqualTo(CheckStatus.UNKNOWN);
    }

    @Test
    void versionCache_asksAProgramOnceUntilItsFileChanges(@TempDir Path cacheDirectory) throws Exception {
        Path calls = bin.resolve("calls");
        programs.script("aws", "echo run >> '" + calls + "'\necho 'aws-cli/2.31.0 Python/3.13.7'\n");
        LocalTools tools = new LocalTools(programs.environment(), Duration.ofSeconds(10), ToolVersionCache.in(cacheDirectory));

        InstalledTool first = tools.version("aws");
        InstalledTool second = tools.version("aws");

        assertThat(second).isEqualTo(first);
        assertThat(java.nio.file.Files.readAllLines(calls)).hasSize(1);

        programs.script("aws", "echo run >> '" + calls + "'\necho 'aws-cli/2.32.1 Python/3.13.7 (updated)'\n");
        java.nio.file.Files.setLastModifiedTime(bin.resolve("aws"), java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5_000));
        InstalledTool updated = tools.version("aws");

        assertThat(((InstalledTool.Found) updated).output()).contains("2.32.1");
        assertThat(java.nio.file.Files.readAllLines(calls)).hasSize(2);
    }

    @Test
    void versionCache_keepsOneAnswerPerProgramFile(@TempDir Path cacheDirectory, @TempDir Path otherBin) {
        programs.program("aws", "aws-cli/2.31.0 Python/3.13.7", 0);
        FakePrograms other = new FakePrograms(otherBin).program("aws", "aws-cli/1.22.3 Python/3.9.7", 0);
        ToolVersionCache cache = ToolVersionCache.in(cacheDirectory);

        new LocalTools(programs.environment(), Duration.ofSeconds(10), cache).version("aws");
        new LocalTools(other.environment(), Duration.ofSeconds(10), cache).version("aws");

        assertThat(cache.lookUp("aws", bin.resolve("aws"))).contains("aws-cli/2.31.0 Python/3.13.7");
        assertThat(cache.lookUp("aws", otherBin.resolve("aws"))).contains("aws-cli/1.22.3 Python/3.9.7");
    }

    @Test
    void dottedVersion_comparesNumberByNumber() {
        assertThat(DottedVersion.of("1.2.764.0")).isEqualTo(DottedVersion.of("1.2.764"));
        assertThat(DottedVersion.of("1.2.99.0").isOlderThan(DottedVersion.of("1.2.764.0"))).isTrue();
        assertThat(DottedVersion.of("2.10.0").isOlderThan(DottedVersion.of("2.9.9"))).isFalse();
    }
}
