package io.execready.functions.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The AWS SAM CLI, run as a user runs it: {@code sam local invoke} of one function of the built
 * template with an event file, the env-vars file and the Docker network the emulators are reached
 * through. The AWS credentials handed to the function containers are the emulator's dummy ones,
 * set on the CLI's own environment, so no real credential of the machine is ever used, and the
 * CLI's own AWS calls (SAM asks STS for the account id) go to the emulator too.
 */
final class SamLocal {

    private static final Duration PROCESS_TIMEOUT = Duration.ofMinutes(4);
    /**
     * The template's functions run on arm64 by default; here they run in the x86_64 image
     * (scripts/lib/lambda-base-image.sh provides it), without emulating another processor.
     */
    static final List<String> ARCHITECTURE_OVERRIDE = List.of("--parameter-overrides", "Architecture=x86_64");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path samCli;
    private final Path builtTemplate;
    private final Path envVarsFile;
    private final String dockerNetwork;
    private final List<String> hostMappings;
    private final Path workDirectory;
    private final String emulatorEndpoint;
    private final List<Duration> invokeTimes = new ArrayList<>();

    /** What {@code sam local invoke} printed: the function's response on stdout, SAM's and the function's logs on stderr. */
    record Invoked(JsonNode response, List<String> logLines, Duration took) {
    }

    SamLocal(Path samCli, Path builtTemplate, Path envVarsFile, String dockerNetwork, List<String> hostMappings, Path workDirectory,
             String emulatorEndpoint) {
        this.emulatorEndpoint = emulatorEndpoint;
        this.samCli = samCli;
        this.builtTemplate = builtTemplate;
        this.envVarsFile = envVarsFile;
        this.dockerNetwork = dockerNetwork;
        this.hostMappings = List.copyOf(hostMappings);
        this.workDirectory = workDirectory;
    }

    /** {@code sam local invoke FUNCTION -e EVENT ...}; fails with SAM's output unless the function returned a JSON response. */
    Invoked invoke(String function, Path event) {
        List<String> command = new ArrayList<>(List.of(samCli.toString(), "local", "invoke", function,
                "--template-file", builtTemplate.toString(),
                "--event", event.toString(),
                "--env-vars", envVarsFile.toString(),
                "--docker-network", dockerNetwork,
                "--skip-pull-image"));
        command.addAll(ARCHITECTURE_OVERRIDE);
        hostMappings.forEach(mapping -> command.addAll(List.of("--add-host", mapping)));
        long started = System.nanoTime();
        Finished finished = run(command, function + "-" + invokeTimes.size());
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        invokeTimes.add(took);
        String stdout = finished.stdout().strip();
        JsonNode response;
        try {
            response = JSON.readTree(stdout.isEmpty() ? "null" : stdout.substring(stdout.lastIndexOf('\n') + 1));
        } catch (IOException e) {
            throw new AssertionError("sam local invoke " + function + " printed no JSON response:\n" + finished.describe(), e);
        }
        if (finished.exitCode() != 0 || response == null || response.isNull() || response.has("errorType")) {
            throw new AssertionError("sam local invoke " + function + " -e " + event + " failed:\n" + finished.describe());
        }
        return new Invoked(response, finished.stderr().lines().toList(), took);
    }

    /** The arguments of {@code sam local start-lambda} serving {@code functions} on a loopback port, warm between invocations. */
    List<String> startLambdaCommand(int port, List<String> functions) {
        List<String> command = new ArrayList<>(List.of(samCli.toString(), "local", "start-lambda"));
        command.addAll(functions);
        command.addAll(List.of("--template-file", builtTemplate.toString(),
                "--host", "127.0.0.1", "--port", Integer.toString(port),
                "--env-vars", envVarsFile.toString(),
                "--docker-network", dockerNetwork,
                "--skip-pull-image",
                "--warm-containers", "LAZY"));
        command.addAll(ARCHITECTURE_OVERRIDE);
        hostMappings.forEach(mapping -> command.addAll(List.of("--add-host", mapping)));
        return command;
    }

    /** How long each {@code sam local invoke} took, container start and JVM cold start included. */
    List<Duration> invokeTimes() {
        return List.copyOf(invokeTimes);
    }

    /**
     * The environment of every SAM and AWS CLI process: the emulator's endpoint, dummy credentials
     * and region, no telemetry.
     */
    Map<String, String> cliEnvironment() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("AWS_ENDPOINT_URL", emulatorEndpoint);
        environment.put("AWS_ACCESS_KEY_ID", "testing");
        environment.put("AWS_SECRET_ACCESS_KEY", "testing");
        environment.put("AWS_SESSION_TOKEN", "");
        environment.put("AWS_REGION", "us-east-1");
        environment.put("AWS_DEFAULT_REGION", "us-east-1");
        environment.put("AWS_PROFILE", "");
        environment.put("SAM_CLI_TELEMETRY", "0");
        return environment;
    }

    record Finished(int exitCode, String stdout, String stderr, List<String> command) {
        String describe() {
            return "$ " + String.join(" ", command) + "\nexit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }
    }

    /** Runs a CLI to completion with {@link #cliEnvironment()}, its output kept in files of the work directory. */
    Finished run(List<String> command, String name) {
        Path stdout = workDirectory.resolve(name + ".out");
        Path stderr = workDirectory.resolve(name + ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        withoutBlankVariables(builder.environment(), cliEnvironment());
        try {
            Process process = builder.start();
            if (!process.waitFor(PROCESS_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("timed out after " + PROCESS_TIMEOUT.toSeconds() + " s: " + String.join(" ", command)
                        + "\n" + Files.readString(stderr, StandardCharsets.UTF_8));
            }
            return new Finished(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                    Files.readString(stderr, StandardCharsets.UTF_8), command);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.getFirst(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + command.getFirst(), e);
        }
    }

    /** Sets the variables, removing those given blank (a profile or session token of the machine must not leak in). */
    static void withoutBlankVariables(Map<String, String> environment, Map<String, String> settings) {
        settings.forEach((name, value) -> {
            if (value.isEmpty()) {
                environment.remove(name);
            } else {
                environment.put(name, value);
            }
        });
    }
}
