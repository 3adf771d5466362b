package io.execready.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.execready.cli.machine.FakePrograms;
import io.execready.fixtures.SdkSystemProperties;
import io.execready.harness.LocalAws;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * {@code execready check} from the jar ./execready runs (target/execready.jar, shrunk by
 * packaging/shrink.pro), in a JVM of its own that verifies every class it loads: a class the
 * shrink step dropped while the command still needs it fails here. Maven runs this in the
 * integration-test phase, after `package` made the jar.
 */
@Tag("emulator")
class ShippedCliIT {

    private static final String JAR_PROPERTY = "execready.cli.jar";

    private static LocalAws aws;
    private static TerminalScenario.Seeded seeded;
    private static SdkSystemProperties saved;

    @TempDir
    static Path bin;

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
        saved.restore();
    }

    @Test
    void readyTask_exits0_andPrintsTheConnectCommand() throws Exception {
        String jar = System.getProperty(JAR_PROPERTY);
        assertThat(jar).as("system property %s (run this through Maven's integration-test phase)", JAR_PROPERTY).isNotBlank();
        assertThat(Path.of(jar)).isRegularFile();

        ProcessBuilder command = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar, "check", "--cluster", TerminalScenario.CLUSTER, "--region", aws.region(), "--task", seeded.readyTaskId())
                .redirectErrorStream(true)
                .redirectOutput(bin.resolve("execready.out").toFile());
        Map<String, String> environment = command.environment();
        environment.clear();
        environment.putAll(new FakePrograms(bin).currentTools().environment());
        environment.putAll(aws.clientEnvironment());
        environment.putAll(operatorCredentials());
        environment.put("HOME", bin.toString());
        Process process = command.start();

        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("execready check ended").isTrue();
        String out = Files.readString(bin.resolve("execready.out"), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(out).isZero();
        assertThat(out).contains("PASS    caller-can-execute")
                .contains("connect to web: aws ecs execute-command --cluster terminal-demo --task " + seeded.readyTaskId())
                .contains("Exec-ready (exit 0)");
    }

    /** A session of the operator role, as the person running the command would hold. */
    private static Map<String, String> operatorCredentials() {
        try (StsClient sts = StsClient.builder().region(Region.of(aws.region())).build()) {
            Credentials credentials = sts.assumeRole(r -> r.roleArn(TerminalScenario.OPERATOR_ROLE_ARN).roleSessionName("jane"))
                    .credentials();
            return Map.of("AWS_ACCESS_KEY_ID", credentials.accessKeyId(), "AWS_SECRET_ACCESS_KEY", credentials.secretAccessKey(),
                    "AWS_SESSION_TOKEN", credentials.sessionToken());
        }
    }
}
