package io.execready.harness;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/**
 * A Java Lambda function run the way Lambda's java21 runtime runs it: a separate JVM executing the
 * AWS Lambda Java runtime interface client ({@value #RUNTIME_MAIN}), which loads the handler and
 * polls a {@link LambdaRuntimeApi} for invocations.
 *
 * <p>The process gets a clean environment: Lambda's reserved variables, then the caller's (for
 * example {@link LocalAws#clientEnvironment()}). Its output is captured continuously and echoed to
 * this JVM's stdout when {@code EXECREADY_ECHO_LAMBDA_LOGS=true} (environment or system property).
 */
public final class LambdaFunction implements AutoCloseable {

    static final String RUNTIME_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    private static final String ECHO_SETTING = "EXECREADY_ECHO_LAMBDA_LOGS";
    private static final String MEMORY_SIZE_MB = "512";
    // As Lambda's java21 runtime starts the JVM; native access is for the runtime client's JNI library.
    private static final List<String> JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-XX:+TieredCompilation",
            "-XX:TieredStopAtLevel=1", "-Xshare:auto", "--enable-native-access=ALL-UNNAMED");
    private static final String FUNCTION_VERSION = "$LATEST";
    /** Read by the runtime client before it unpacks its JNI library itself. */
    static final String NATIVE_CLIENT_PROPERTY = "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";
    private static final String RUNTIME_CLIENT_JAR = "aws-lambda-java-runtime-interface-client";
    private static final Map<Path, Optional<Path>> NATIVE_CLIENTS = new ConcurrentHashMap<>();
    // Output written before the runtime posts its answer is already in the pipe; the reader drains it
    // within this quiet period.
    private static final Duration LOG_QUIET_PERIOD = Duration.ofMillis(50);
    private static final Duration LOG_SETTLE_LIMIT = Duration.ofSeconds(1);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(25);
    private static final int LOG_TAIL_LINES = 40;
    private static final DateTimeFormatter LOG_STREAM_DATE = DateTimeFormatter.ofPattern("yyyy/MM/dd");

    private final String name;
    private final String arn;
    private final LambdaRuntimeApi runtimeApi;
    private final Process process;
    private final Path workingDirectory;
    private final Instant startedAt;
    private final boolean echo;
    private final List<String> output = new ArrayList<>();
    private final StringBuilder partialLine = new StringBuilder();
    private final Thread outputReader;
    private final Thread killOnExit;
    private volatile long lastOutputNanos = System.nanoTime();
    private int firstUnreportedLine;
    private boolean initReported;
    private boolean closed;

    private LambdaFunction(String name, String arn, LambdaRuntimeApi runtimeApi, Process process,
                           Path workingDirectory, Instant startedAt) {
        this.name = name;
        this.arn = arn;
        this.runtimeApi = runtimeApi;
        this.process = process;
        this.workingDirectory = workingDirectory;
        this.startedAt = startedAt;
        this.echo = Boolean.parseBoolean(System.getenv(ECHO_SETTING)) || Boolean.getBoolean(ECHO_SETTING);
        this.outputReader = Thread.ofPlatform().daemon().name("lambda-output-" + name).start(this::readOutput);
        // A test JVM that ends without close() must leave neither the function running nor its directory.
        this.killOnExit = new Thread(() -> {
            process.destroyForcibly();
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            deleteDirectory(workingDirectory);
        }, "lambda-kill-" + name);
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /**
     * Starts the function's process; returns without waiting for its initialisation (the first
     * {@link #invoke} waits for it and reports its duration).
     *
     * @param handler     the Lambda handler string, e.g. {@code io.execready.functions.TaskStateHandler::handleRequest}
     * @param classpath   the function's classpath; it must hold the runtime interface client
     * @param environment the function's environment variables, applied over Lambda's defaults
     */
    public static LambdaFunction start(String handler, String classpath, Map<String, String> environment) {
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(classpath, "classpath");
        Map<String, String> callerEnvironment = Map.copyOf(environment);
        String name = callerEnvironment.getOrDefault("AWS_LAMBDA_FUNCTION_NAME", nameFromHandler(handler));
        String region = callerEnvironment.getOrDefault("AWS_REGION", LocalAws.REGION);
        String arn = "arn:aws:lambda:" + region + ":" + LocalAws.ACCOUNT_ID + ":function:" + name;
        LambdaRuntimeApi runtimeApi = LambdaRuntimeApi.start();
        Path workingDirectory = null;
        try {
            // The runtime loads extra classes from its working directory (Lambda's task root): keep it empty.
            workingDirectory = Files.createTempDirectory("execready-lambda-");
            List<String> command = new ArrayList<>(List.of(javaCommand()));
            command.addAll(JVM_OPTIONS);
            privateNativeClient(classpath).ifPresent(library -> command.add("-D" + NATIVE_CLIENT_PROPERTY + "=" + library));
            command.addAll(List.of("-cp", classpath, RUNTIME_MAIN, handler));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workingDirectory.toFile())
                    .redirectErrorStream(true);
            builder.environment().clear();
            builder.environment().putAll(lambdaEnvironment(name, handler, region, runtimeApi.address()));
            builder.environment().putAll(callerEnvironment);
            Instant startedAt = Instant.now();
            return new LambdaFunction(name, arn, runtimeApi, builder.start(), workingDirectory, startedAt);
        } catch (IOException e) {
            runtimeApi.close();
            deleteDirectory(workingDirectory);
            throw new HarnessException("Cannot start Lambda function " + name + " with " + javaCommand(), e);
        }
    }

    /**
     * Environment variables that make the runtime interface client take its SnapStart path, as in
     * a function version published with SnapStart: after init it runs the {@code org.crac}
     * checkpoint hooks registered with the global context, asks the Runtime API for
     * {@code restore/next}, runs the restore hooks, then polls for invocations. No snapshot is
     * taken; what is measured is the hooks' work. {@code org.crac.Core.Compat} points the org.crac
     * API at the runtime client's own implementation of it, which is what runs the hooks.
     */
    public static Map<String, String> snapStartEnvironment() {
        return Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start",
                "JAVA_TOOL_OPTIONS", "-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac");
    }

    /** When the runtime, on its SnapStart path, finished its checkpoint hooks (see {@link #snapStartEnvironment()}). */
    public Optional<Instant> checkpointedAt() {
        return runtimeApi.restoreRequestedAt();
    }

    /** When this function's process was started. */
    public Instant startedAt() {
        return startedAt;
    }

    public String name() {
        return name;
    }

    public String arn() {
        return arn;
    }

    /** The function process's id, for measurements such as its peak resident memory. */
    public long pid() {
        return process.pid();
    }

    /**
     * Invokes the function synchronously, as {@code lambda:Invoke} with RequestResponse does.
     *
     * @param timeout the function's timeout: the runtime sees it as its deadline; when it passes, the
     *                process is killed (as Lambda does) and this throws
     * @throws HarnessException when the process exits or times out before answering; the message
     *                          carries its last log lines
     */
    public synchronized Invocation invoke(String eventJson, Duration timeout) {
        if (closed) {
            throw new HarnessException("Lambda function " + name + " is closed");
        }
        Instant deadline = Instant.now().plus(timeout);
        LambdaRuntimeApi.Submitted submitted = runtimeApi.submit(eventJson, arn, deadline);
        return await(submitted, deadline, timeout)
                .map(result -> record(result.requestId(), result.payload(), result.error(), result.duration()))
                // The runtime failed its initialisation and told the Runtime API so: Lambda returns that error.
                .orElseGet(() -> record(submitted.requestId(), null, runtimeApi.initError().orElseThrow(),
                        Duration.ZERO));
    }

    /** Everything the process printed so far. */
    public List<String> logLines() {
        synchronized (output) {
            return List.copyOf(output);
        }
    }

    /** Kills the process and stops its Runtime API. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        process.destroyForcibly();
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or about to: it kills the process too.
        }
        try {
            process.waitFor(10, TimeUnit.SECONDS);
            outputReader.join(Duration.ofSeconds(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        runtimeApi.close();
        deleteDirectory(workingDirectory);
    }

    /** The runtime's answer, or empty when it reported an init error instead. */
    private Optional<LambdaRuntimeApi.Result> await(LambdaRuntimeApi.Submitted submitted, Instant deadline,
                                                    Duration timeout) {
        while (true) {
            try {
                return Optional.of(submitted.result().get(POLL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS));
            } catch (TimeoutException notYet) {
                if (runtimeApi.initError().isPresent()) {
                    return Optional.empty();
                }
                if (!process.isAlive() && !submitted.result().isDone()) {
                    throw failure("exited with code " + process.exitValue() + " during invocation "
                            + submitted.requestId());
                }
                if (Instant.now().isAfter(deadline)) {
                    close();
                    throw failure("did not answer invocation " + submitted.requestId() + " within " + timeout
                            + "; its process was killed");
                }
            } catch (ExecutionException e) {
                throw new HarnessException("Invocation " + submitted.requestId() + " failed", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HarnessException("Interrupted while invoking Lambda function " + name, e);
            }
        }
    }

    private Invocation record(String requestId, String payload, LambdaRuntimeApi.FunctionError error,
                              Duration duration) {
        settleOutput();
        List<String> lines;
        synchronized (output) {
            lines = List.copyOf(output.subList(firstUnreportedLine, output.size()));
            firstUnreportedLine = output.size();
        }
        Duration initDuration = null;
        if (!initReported) {
            initReported = true;
            initDuration = runtimeApi.firstPollAt().map(polled -> Duration.between(startedAt, polled))
                    .orElse(Duration.between(startedAt, Instant.now()));
        }
        Invocation invocation = new Invocation(requestId, payload, error == null ? null : error.errorType(),
                error == null ? null : error.errorMessage(), lines, duration, initDuration);
        if (echo) {
            System.out.println("[" + name + "] REPORT RequestId: " + requestId
                    + " Duration: " + duration.toMillis() + " ms"
                    + (initDuration == null ? "" : " Init Duration: " + initDuration.toMillis() + " ms")
                    + (invocation.succeeded() ? "" : " Error: " + invocation.errorType()));
        }
        return invocation;
    }

    private void settleOutput() {
        long answeredAt = System.nanoTime();
        long limit = answeredAt + LOG_SETTLE_LIMIT.toNanos();
        while (System.nanoTime() < limit
                && System.nanoTime() - Math.max(answeredAt, lastOutputNanos) < LOG_QUIET_PERIOD.toNanos()) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        // The Lambda logger writes messages without a newline; the invocation's end ends its line.
        synchronized (output) {
            endPartialLine();
        }
    }

    private void readOutput() {
        char[] buffer = new char[8192];
        try (Reader reader = new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)) {
            for (int read = reader.read(buffer); read >= 0; read = reader.read(buffer)) {
                synchronized (output) {
                    for (int i = 0; i < read; i++) {
                        if (buffer[i] == '\n') {
                            endLine();
                        } else if (buffer[i] != '\r') {
                            partialLine.append(buffer[i]);
                        }
                    }
                }
                lastOutputNanos = System.nanoTime();
            }
        } catch (IOException streamClosed) {
            // The process was killed: nothing more to read.
        }
        synchronized (output) {
            endPartialLine();
        }
    }

    private void endPartialLine() {
        if (!partialLine.isEmpty()) {
            endLine();
        }
    }

    private void endLine() {
        String line = partialLine.toString();
        partialLine.setLength(0);
        output.add(line);
        if (echo) {
            System.out.println("[" + name + "] " + line);
        }
    }

    private HarnessException failure(String what) {
        try {
            outputReader.join(Duration.ofSeconds(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<String> lines = logLines();
        return new HarnessException("Lambda function " + name + " " + what + "; last log lines:\n"
                + String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size())));
    }

    private static Map<String, String> lambdaEnvironment(String name, String handler, String region,
                                                         String runtimeApi) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        environment.put("LANG", "en_US.UTF-8");
        environment.put("TZ", ":UTC");
        environment.put("AWS_EXECUTION_ENV", "AWS_Lambda_java21");
        environment.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        environment.put("AWS_LAMBDA_RUNTIME_API", runtimeApi);
        environment.put("_HANDLER", handler);
        environment.put("AWS_REGION", region);
        environment.put("AWS_DEFAULT_REGION", region);
        environment.put("AWS_LAMBDA_FUNCTION_NAME", name);
        environment.put("AWS_LAMBDA_FUNCTION_VERSION", FUNCTION_VERSION);
        environment.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", MEMORY_SIZE_MB);
        environment.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + name);
        environment.put("AWS_LAMBDA_LOG_STREAM_NAME", LocalDate.now(ZoneOffset.UTC).format(LOG_STREAM_DATE)
                + "/[" + FUNCTION_VERSION + "]" + UUID.randomUUID().toString().replace("-", ""));
        return environment;
    }

    private static String nameFromHandler(String handler) {
        String className = handler.contains("::") ? handler.substring(0, handler.indexOf("::")) : handler;
        return className.substring(className.lastIndexOf('.') + 1);
    }

    /**
     * A copy of the runtime client's JNI library for this JVM's functions, when the classpath holds
     * the client's jar and this is a Linux it ships a library for. Left alone, the client unpacks
     * the library to the fixed path /tmp/.libaws-lambda-jni.so before loading it, as in Lambda,
     * where one runtime owns /tmp; here several runtimes start at once, from this and other test
     * runs, and one rewriting that file while another maps it crashes the second (SIGBUS). The copy
     * is written once, before any function starts, and deleted when this JVM exits.
     */
    static Optional<Path> privateNativeClient(String classpath) {
        Optional<String> library = nativeLibraryName();
        if (library.isEmpty()) {
            return Optional.empty();
        }
        for (String entry : classpath.split(File.pathSeparator)) {
            Path jar = Path.of(entry);
            if (jar.getFileName() != null && jar.getFileName().toString().startsWith(RUNTIME_CLIENT_JAR) && Files.isRegularFile(jar)) {
                return NATIVE_CLIENTS.computeIfAbsent(jar.toAbsolutePath(), path -> extract(path, "jni/" + library.get()));
            }
        }
        return Optional.empty();
    }

    private static Optional<String> nativeLibraryName() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")) {
            return Optional.empty();
        }
        String arch = switch (System.getProperty("os.arch", "")) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64" -> "aarch_64";
            default -> null;
        };
        if (arch == null) {
            return Optional.empty();
        }
        boolean musl = Files.exists(Path.of("/lib/ld-musl-" + (arch.equals("x86_64") ? "x86_64" : "aarch64") + ".so.1"));
        return Optional.of("libaws-lambda-jni.linux" + (musl ? "_musl-" : "-") + arch + ".so");
    }

    private static Optional<Path> extract(Path jar, String resource) {
        try (JarFile jarFile = new JarFile(jar.toFile())) {
            ZipEntry entry = jarFile.getEntry(resource);
            if (entry == null) {
                return Optional.empty();
            }
            Path copy = Files.createTempFile("execready-lambda-jni-", ".so");
            copy.toFile().deleteOnExit();
            try (InputStream in = jarFile.getInputStream(entry)) {
                Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            }
            return Optional.of(copy);
        } catch (IOException e) {
            // The client then unpacks the library itself, as it does in Lambda.
            return Optional.empty();
        }
    }

    private static String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void deleteDirectory(Path directory) {
        if (directory == null) {
            return;
        }
        try {
            Files.deleteIfExists(directory);
        } catch (IOException e) {
            // The runtime wrote into its task root; a leftover temp directory is harmless.
        }
    }
}
