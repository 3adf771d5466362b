package io.execready.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A local AWS emulator for tests: a moto server on 127.0.0.1, started through a launcher that
 * patches the moto gaps ExecReady runs into (see the test-harness README).
 *
 * <p>Needs Python with {@code moto[server]==5.2.1}: the command named by {@code EXECREADY_PYTHON}
 * (system property, else environment variable), else {@code python3}. The product reaches the
 * emulator through the real AWS SDK, pointed at it by
 * {@link #clientEnvironment()} (child processes) or {@link #applyToSystemProperties()} (this JVM).
 */
public final class LocalAws implements AutoCloseable {

    public static final String REGION = "us-east-1";
    /** The account moto answers for. */
    public static final String ACCOUNT_ID = "123456789012";
    private static final String PYTHON_SETTING = "EXECREADY_PYTHON";
    static final String PIP_COMMAND = "pip install \"moto[server]==5.2.1\"";

    private static final String LAUNCHER_RESOURCE = "moto_launcher.py";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);
    private static final int EXIT_MOTO_MISSING = 3;
    private static final int EXIT_MOTO_VERSION = 4;
    private static final int START_ATTEMPTS = 3;
    private static final int LOG_TAIL_LINES = 40;
    // moto otherwise moves a task one step towards STOPPED on every DescribeTasks.
    private static final String MANUAL_TASK_TRANSITION =
            "{\"model_name\":\"ecs::task\",\"transition\":{\"progression\":\"manual\",\"times\":1000000}}";
    private static final String DUMMY_ACCESS_KEY_ID = "testing";
    private static final String DUMMY_SECRET_ACCESS_KEY = "testing";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path workDirectory;
    private final Path logFile;
    private final String endpoint;
    private final HttpClient http;
    private final Thread cleanUpOnExit;

    private LocalAws(Process process, Path workDirectory, Path logFile, int port, HttpClient http) {
        this.process = process;
        this.workDirectory = workDirectory;
        this.logFile = logFile;
        this.endpoint = "http://127.0.0.1:" + port;
        this.http = http;
        // A JVM that ends without close() (interrupted while starting or seeding) must leave neither
        // the server nor its files behind.
        this.cleanUpOnExit = new Thread(() -> {
            stopProcess();
            deleteRecursively(workDirectory);
        }, "moto-clean-up-" + port);
        Runtime.getRuntime().addShutdownHook(cleanUpOnExit);
    }

    /** Starts the emulator on a free loopback port and waits (up to a minute) until it answers. */
    public static LocalAws start() {
        return start(Map.of());
    }

    /**
     * {@link #start()} with settings for the launcher's patches, e.g. {@code EXECREADY_EXEC_AGENT}
     * (the local agent's control endpoint, for ECS ExecuteCommand and SSM TerminateSession).
     */
    public static LocalAws start(Map<String, String> launcherSettings) {
        Path workDirectory = createWorkDirectory();
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
        try {
            Path launcher = extractLauncher(workDirectory);
            for (int attempt = 1; ; attempt++) {
                int port = freeLoopbackPort();
                Path logFile = workDirectory.resolve("moto-" + attempt + ".log");
                LocalAws aws = new LocalAws(launch(launcher, port, logFile, launcherSettings), workDirectory, logFile, port, http);
                try {
                    aws.awaitReady();
                    return aws;
                } catch (RuntimeException e) {
                    aws.stopProcess();
                    aws.forgetCleanUpOnExit();
                    if (!(e instanceof PortTakenException)) {
                        throw e;
                    }
                    if (attempt == START_ATTEMPTS) {
                        throw new HarnessException("moto found no free port in " + START_ATTEMPTS + " attempts"
                                + aws.logTail());
                    }
                }
            }
        } catch (RuntimeException e) {
            http.close();
            deleteRecursively(workDirectory);
            throw e;
        }
    }

    public String endpoint() {
        return endpoint;
    }

    public String region() {
        return REGION;
    }

    public String accountId() {
        return ACCOUNT_ID;
    }

    /** The environment a child process (a Lambda function) needs to reach the emulator through the AWS SDK. */
    public Map<String, String> clientEnvironment() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("AWS_ENDPOINT_URL", endpoint);
        environment.put("AWS_REGION", REGION);
        environment.put("AWS_DEFAULT_REGION", REGION);
        environment.put("AWS_ACCESS_KEY_ID", DUMMY_ACCESS_KEY_ID);
        environment.put("AWS_SECRET_ACCESS_KEY", DUMMY_SECRET_ACCESS_KEY);
        return Map.copyOf(environment);
    }

    /**
     * Points SDK clients built later in this JVM at the emulator, through the system properties the
     * AWS SDK for Java v2 reads: {@code aws.endpointUrl} (AwsClientEndpointProvider) and
     * {@code aws.region}, {@code aws.accessKeyId}, {@code aws.secretAccessKey} (SdkSystemSetting).
     */
    public void applyToSystemProperties() {
        System.setProperty("aws.endpointUrl", endpoint);
        System.setProperty("aws.region", REGION);
        System.setProperty("aws.accessKeyId", DUMMY_ACCESS_KEY_ID);
        System.setProperty("aws.secretAccessKey", DUMMY_SECRET_ACCESS_KEY);
    }

    /** Forgets every resource the emulator holds, keeping ECS tasks in the state they were put in. */
    public void reset() {
        post("/moto-api/reset", "");
        post("/moto-api/state-manager/set-transition", MANUAL_TASK_TRANSITION);
    }

    /** Every message published to an SNS topic since start or the last reset, grouped by topic, in publish order. */
    public List<SnsNotification> sentNotifications() {
        JsonNode topics = readJson(get("/moto-api/data.json?service=sns&model=Topic")).path("sns").path("Topic");
        List<SnsNotification> notifications = new ArrayList<>();
        for (JsonNode topic : topics) {
            // moto keeps each publish as [messageId, message, subject, attributes, messageGroupId].
            for (JsonNode sent : topic.path("sent_notifications")) {
                Map<String, String> attributes = new LinkedHashMap<>();
                sent.path(3).fields().forEachRemaining(
                        attribute -> attributes.put(attribute.getKey(), attribute.getValue().path("Value").asText()));
                notifications.add(new SnsNotification(topic.path("arn").asText(), sent.path(0).asText(),
                        sent.path(1).asText(), sent.path(2).isNull() ? null : sent.path(2).asText(), attributes));
            }
        }
        return List.copyOf(notifications);
    }

    /** Stops the server and deletes its launcher and logs. */
    @Override
    public void close() {
        forgetCleanUpOnExit();
        stopProcess();
        http.close();
        deleteRecursively(workDirectory);
    }

    private void forgetCleanUpOnExit() {
        try {
            Runtime.getRuntime().removeShutdownHook(cleanUpOnExit);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or about to: it does the same.
        }
    }

    private static Process launch(Path launcher, int port, Path logFile, Map<String, String> launcherSettings) {
        String python = pythonCommand();
        ProcessBuilder builder = new ProcessBuilder(python, launcher.toString(), Integer.toString(port))
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile());
        builder.environment().put("MOTO_IAM_LOAD_MANAGED_POLICIES", "true");
        builder.environment().put("PYTHONUNBUFFERED", "1");
        builder.environment().putAll(launcherSettings);
        try {
            return builder.start();
        } catch (IOException e) {
            throw new HarnessException("Cannot run Python '" + python + "' for the AWS emulator. Set EXECREADY_PYTHON "
                    + "to a Python 3 that has moto (" + PIP_COMMAND + ")", e);
        }
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw startFailure(process.exitValue());
            }
            try {
                HttpResponse<String> response = http.send(request("/moto-api/state-manager/set-transition")
                        .timeout(PROBE_TIMEOUT)
                        .POST(HttpRequest.BodyPublishers.ofString(MANUAL_TASK_TRANSITION)).build(),
                        HttpResponse.BodyHandlers.ofString());
                // Alive after answering: the answer came from our moto, not from whoever else holds the port.
                if (response.statusCode() / 100 == 2 && process.isAlive()) {
                    return;
                }
                if (!process.isAlive()) {
                    continue;
                }
                throw new HarnessException("moto answered the start probe with HTTP " + response.statusCode()
                        + logTail());
            } catch (IOException notListeningYet) {
                sleep(Duration.ofMillis(200));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HarnessException("Interrupted while waiting for moto to start", e);
            }
        }
        throw new HarnessException("moto did not answer within " + START_TIMEOUT.toSeconds() + " s" + logTail());
    }

    private RuntimeException startFailure(int exitCode) {
        String log = logTail();
        if (log.contains("Address already in use")) {
            return new PortTakenException();
        }
        if (exitCode == EXIT_MOTO_MISSING || exitCode == EXIT_MOTO_VERSION) {
            return new HarnessException("The AWS emulator needs moto 5.2.1 in " + pythonCommand() + ": run "
                    + PIP_COMMAND + " (or set EXECREADY_PYTHON to a Python that has it)" + log);
        }
        return new HarnessException("moto exited with code " + exitCode + " while starting" + log);
    }

    private void stopProcess() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private String get(String path) {
        return send(request(path).GET().build());
    }

    private String post(String path, String body) {
        return send(request(path).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(endpoint + path)).timeout(REQUEST_TIMEOUT);
    }

    private String send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new HarnessException(request.method() + " " + request.uri().getPath() + " answered HTTP "
                        + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new HarnessException(request.method() + " " + request.uri() + " failed" + logTail(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HarnessException("Interrupted calling " + request.uri(), e);
        }
    }

    private static JsonNode readJson(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new HarnessException("moto answered with JSON that does not parse: " + body, e);
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return "\n--- last lines of " + logFile.getFileName() + " ---\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "\n(moto log unreadable: " + e.getMessage() + ")";
        }
    }

    private static String pythonCommand() {
        String configured = System.getProperty(PYTHON_SETTING, System.getenv(PYTHON_SETTING));
        return configured == null || configured.isBlank() ? "python3" : configured;
    }

    private static Path createWorkDirectory() {
        try {
            return Files.createTempDirectory("execready-moto-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path extractLauncher(Path directory) {
        Path launcher = directory.resolve(LAUNCHER_RESOURCE);
        try (InputStream source = LocalAws.class.getResourceAsStream(LAUNCHER_RESOURCE)) {
            if (source == null) {
                throw new HarnessException("The harness jar lacks its resource " + LAUNCHER_RESOURCE);
            }
            Files.copy(source, launcher);
            return launcher;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HarnessException("Interrupted while waiting for moto", e);
        }
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException | UncheckedIOException ignored) {
            // A leftover temp file is harmless; failing a test over it is not. (Both the shutdown hook
            // and close may be deleting at once.)
        }
    }

    /** The chosen port was taken between picking and binding: try another. */
    private static final class PortTakenException extends RuntimeException {
    }
}
