package io.execready.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Lambda Runtime API (version 2018-06-01) on 127.0.0.1: what a Lambda runtime, such as the AWS
 * Lambda Java runtime interface client, polls for invocations and answers to.
 *
 * <p>Invocations are handed out one at a time in submission order; {@code /next} blocks until one
 * is queued, as in Lambda.
 */
public final class LambdaRuntimeApi implements AutoCloseable {

    private static final String PREFIX = "/2018-06-01/runtime/";
    private static final Pattern INVOCATION_PATH =
            Pattern.compile(PREFIX + "invocation/([^/]+)/(response|error)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor;
    private final BlockingQueue<Pending> queued = new LinkedBlockingQueue<>();
    private final Map<String, Pending> inFlight = new ConcurrentHashMap<>();
    private final AtomicReference<Instant> firstPollAt = new AtomicReference<>();
    private final AtomicReference<Instant> restoreRequestedAt = new AtomicReference<>();
    private final AtomicReference<FunctionError> initError = new AtomicReference<>();

    private LambdaRuntimeApi(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Starts the API on a free loopback port. */
    public static LambdaRuntimeApi start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            // /next blocks while it waits for an invocation: one thread per exchange, and virtual ones are cheap.
            ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
            LambdaRuntimeApi api = new LambdaRuntimeApi(server, executor);
            server.setExecutor(executor);
            server.createContext(PREFIX, api::handle);
            server.start();
            return api;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The value for {@code AWS_LAMBDA_RUNTIME_API}: host and port. */
    public String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * Queues an invocation; the returned future completes when the runtime posts its response or error.
     *
     * @param eventJson   the event, passed to the runtime unchanged
     * @param functionArn sent as {@code Lambda-Runtime-Invoked-Function-Arn}
     * @param deadline    sent as {@code Lambda-Runtime-Deadline-Ms}
     */
    public Submitted submit(String eventJson, String functionArn, Instant deadline) {
        Pending pending = new Pending(UUID.randomUUID().toString(), eventJson, functionArn, deadline);
        queued.add(pending);
        return new Submitted(pending.requestId, pending.result);
    }

    /** When the runtime first asked for an invocation: the end of its initialisation. */
    public Optional<Instant> firstPollAt() {
        return Optional.ofNullable(firstPollAt.get());
    }

    /**
     * When a runtime initialised for SnapStart ({@code AWS_LAMBDA_INITIALIZATION_TYPE=snap-start})
     * asked {@code /runtime/restore/next}: its checkpoint hooks had run, and Lambda would take the
     * snapshot here. This API answers at once, so the runtime goes on as a restored environment does:
     * its restore hooks run, then it polls for the first invocation.
     */
    public Optional<Instant> restoreRequestedAt() {
        return Optional.ofNullable(restoreRequestedAt.get());
    }

    /** The error the runtime reported through {@code /runtime/init/error}, if it did. */
    public Optional<FunctionError> initError() {
        return Optional.ofNullable(initError.get());
    }

    @Override
    public void close() {
        // Interrupts the /next handlers still waiting, then stops accepting.
        executor.shutdownNow();
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            Matcher invocation = INVOCATION_PATH.matcher(path);
            if (method.equals("GET") && path.equals(PREFIX + "invocation/next")) {
                next(exchange);
            } else if (method.equals("POST") && invocation.matches()) {
                complete(exchange, invocation.group(1), invocation.group(2).equals("error"));
            } else if (method.equals("GET") && path.equals(PREFIX + "restore/next")) {
                restoreRequestedAt.compareAndSet(null, Instant.now());
                reply(exchange, 200, "");
            } else if (method.equals("POST") && (path.equals(PREFIX + "init/error") || path.equals(PREFIX + "restore/error"))) {
                initError.compareAndSet(null, readError(exchange));
                reply(exchange, 202, "{\"status\":\"OK\"}");
            } else {
                reply(exchange, 404, "{\"errorMessage\":\"Unknown Runtime API path " + method + " " + path + "\","
                        + "\"errorType\":\"InvalidRequest\"}");
            }
        }
    }

    private void next(HttpExchange exchange) throws IOException {
        firstPollAt.compareAndSet(null, Instant.now());
        Pending pending;
        try {
            pending = queued.take();
        } catch (InterruptedException closing) {
            Thread.currentThread().interrupt();
            return;
        }
        pending.pickedUpAt = Instant.now();
        inFlight.put(pending.requestId, pending);
        exchange.getResponseHeaders().set("Lambda-Runtime-Aws-Request-Id", pending.requestId);
        exchange.getResponseHeaders().set("Lambda-Runtime-Deadline-Ms", Long.toString(pending.deadline.toEpochMilli()));
        exchange.getResponseHeaders().set("Lambda-Runtime-Invoked-Function-Arn", pending.functionArn);
        exchange.getResponseHeaders().set("Lambda-Runtime-Trace-Id", traceId());
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        reply(exchange, 200, pending.eventJson);
    }

    private void complete(HttpExchange exchange, String requestId, boolean failed) throws IOException {
        Pending pending = inFlight.remove(requestId);
        if (pending == null) {
            reply(exchange, 400, "{\"errorMessage\":\"Invalid request ID " + requestId + "\","
                    + "\"errorType\":\"InvalidRequestID\"}");
            return;
        }
        Duration duration = Duration.between(pending.pickedUpAt, Instant.now());
        Result result = failed
                ? Result.failure(requestId, readError(exchange), duration)
                : Result.success(requestId,
                        new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8), duration);
        reply(exchange, 202, "{\"status\":\"OK\"}");
        pending.result.complete(result);
    }

    private static FunctionError readError(HttpExchange exchange) throws IOException {
        String headerType = exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type");
        byte[] body = exchange.getRequestBody().readAllBytes();
        JsonNode error;
        try {
            error = JSON.readTree(body);
        } catch (IOException unparsable) {
            return new FunctionError(headerType, new String(body, StandardCharsets.UTF_8), List.of());
        }
        String errorType = error.path("errorType").isTextual() ? error.path("errorType").asText() : headerType;
        List<String> stackTrace = error.path("stackTrace").isArray()
                ? JSON.convertValue(error.path("stackTrace"),
                        JSON.getTypeFactory().constructCollectionType(List.class, String.class))
                : List.of();
        return new FunctionError(errorType, error.path("errorMessage").asText(null), stackTrace);
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String traceId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        HexFormat hex = HexFormat.of();
        return "Root=1-" + Long.toHexString(Instant.now().getEpochSecond())
                + "-" + hex.formatHex(randomBytes(random, 12))
                + ";Parent=" + hex.formatHex(randomBytes(random, 8)) + ";Sampled=0";
    }

    private static byte[] randomBytes(ThreadLocalRandom random, int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }

    /** A queued invocation: its request id and the future of what the runtime answered. */
    public record Submitted(String requestId, CompletableFuture<Result> result) {
    }

    /**
     * What the runtime answered for one invocation.
     *
     * @param payload  the response body, or null when the runtime reported an error
     * @param error    the reported error, or null on success
     * @param duration from handing the event to the runtime until its answer
     */
    public record Result(String requestId, String payload, FunctionError error, Duration duration) {

        static Result success(String requestId, String payload, Duration duration) {
            return new Result(requestId, payload, null, duration);
        }

        static Result failure(String requestId, FunctionError error, Duration duration) {
            return new Result(requestId, null, error, duration);
        }
    }

    /** An error a runtime reported, as Lambda returns it: type, message and stack trace. */
    public record FunctionError(String errorType, String errorMessage, List<String> stackTrace) {

        public FunctionError {
            stackTrace = stackTrace == null ? List.of() : List.copyOf(stackTrace);
        }
    }

    private static final class Pending {
        private final String requestId;
        private final String eventJson;
        private final String functionArn;
        private final Instant deadline;
        private final CompletableFuture<Result> result = new CompletableFuture<>();
        private volatile Instant pickedUpAt;

        private Pending(String requestId, String eventJson, String functionArn, Instant deadline) {
            this.requestId = requestId;
            this.eventJson = eventJson;
            this.functionArn = functionArn;
            this.deadline = deadline;
        }
    }
}
