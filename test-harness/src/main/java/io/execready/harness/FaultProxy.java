package io.execready.harness;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTTP proxy on 127.0.0.1 in front of the local emulator that answers chosen AWS operations with
 * a fault instead of forwarding them: throttling, access denied, a server error, or no answer at
 * all. The product's real SDK clients, pointed at {@link #endpoint()}, meet the fault exactly as
 * they would meet it from AWS (same status, same protocol-specific error body), so their retries,
 * timeouts and error parsing are what is tested, not a fake.
 *
 * <p>A request is matched by the AWS service named in its SigV4 credential scope and by its
 * operation: the {@code X-Amz-Target} header of the JSON protocols (ECS, CloudWatch Logs, KMS), or
 * the {@code Action} form parameter of the query protocols (EC2, IAM, STS, SNS). Everything else is
 * forwarded unchanged. Both ends are loopback only.
 */
public final class FaultProxy implements AutoCloseable {

    /** What the proxy answers instead of the emulator. */
    public enum Fault {
        /** HTTP 400 with the service's throttling code (ThrottlingException, Throttling, RequestLimitExceeded, SlowDown). */
        THROTTLED,
        /** HTTP 400 (JSON protocols) or 403 with the service's access denied code (AccessDeniedException, AccessDenied, UnauthorizedOperation). */
        ACCESS_DENIED,
        /** HTTP 500 with InternalFailure (EC2 and S3: InternalError). */
        INTERNAL_ERROR,
        /** HTTP 503 with ServiceUnavailable (JSON protocols: ServiceUnavailableException; EC2: Unavailable). */
        UNAVAILABLE,
        /** No answer: the connection stays open, silent, for the proxy's longest hang, then closes. */
        HANG,
        /**
         * The request is forwarded and the emulator acts on it (a write happens, a message is
         * published), but the caller gets HTTP 500 InternalFailure instead of the emulator's answer:
         * the ambiguous failure where AWS did the work and the caller cannot know it.
         */
        FORWARDED_THEN_FAILED
    }

    /** A fault the proxy served: which request, and what it got. */
    public record Served(String service, String operation, Fault fault) {
    }

    private static final Pattern CREDENTIAL_SCOPE = Pattern.compile("Credential=[^/,\\s]+/[^/]+/[^/]+/([^/]+)/aws4_request");
    /** Headers the JDK's client sets itself, or that describe one hop only. */
    private static final Set<String> HOP_HEADERS = Set.of("connection", "content-length", "expect", "host", "upgrade",
            "transfer-encoding", "keep-alive");

    private final HttpServer server;
    private final ExecutorService executor;
    private final HttpClient upstreamClient;
    private final URI upstream;
    private final Duration longestHang;
    private final Map<String, Fault> rules = new ConcurrentHashMap<>();
    private final List<Served> served = new CopyOnWriteArrayList<>();
    private final Map<String, BodyRule> bodyRules = new ConcurrentHashMap<>();

    private record BodyRule(String marker, Fault fault) {
    }

    private FaultProxy(HttpServer server, ExecutorService executor, URI upstream, Duration longestHang) {
        this.server = server;
        this.executor = executor;
        this.upstream = upstream;
        this.longestHang = longestHang;
        this.upstreamClient = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(executor)
                .build();
    }

    /**
     * Starts the proxy on a free loopback port.
     *
     * @param upstreamEndpoint the emulator, for example {@link LocalAws#endpoint()}; must be a loopback address
     * @param longestHang      how long a {@link Fault#HANG} keeps its connection before closing it; longer than
     *                         the client's timeout, short enough not to hold up the test run
     */
    public static FaultProxy start(String upstreamEndpoint, Duration longestHang) {
        URI upstream = URI.create(upstreamEndpoint);
        requireLoopback(upstream);
        if (longestHang.isNegative() || longestHang.compareTo(Duration.ofMinutes(2)) > 0) {
            throw new HarnessException("longestHang must be between 0 and 2 minutes, got " + longestHang);
        }
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            FaultProxy proxy = new FaultProxy(server, executor, upstream, longestHang);
            server.createContext("/", proxy::handle);
            server.setExecutor(executor);
            server.start();
            return proxy;
        } catch (IOException e) {
            executor.shutdownNow();
            throw new HarnessException("Could not start the fault proxy on 127.0.0.1", e);
        }
    }

    /** {@code http://127.0.0.1:PORT}: where SDK clients go to meet the faults. */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * From now on, answers {@code operation} of {@code service} with {@code fault}, every time, until
     * {@link #clear()}.
     *
     * @param service   the signing name in the credential scope: {@code ecs}, {@code ec2}, {@code iam}
     * @param operation the API operation, for example {@code DescribeTaskDefinition}; {@code *} for every one
     */
    public void inject(String service, String operation, Fault fault) {
        rules.put(key(service, operation), fault);
    }

    /**
     * Answers {@code operation} of {@code service} with {@code fault} only for requests whose body
     * contains {@code marker} (one kind of conditional write, say), until {@link #clear()}.
     */
    public void injectWhenBodyContains(String service, String operation, String marker, Fault fault) {
        bodyRules.put(key(service, operation), new BodyRule(marker, fault));
    }

    /** Forwards everything again, and forgets the faults served so far. */
    public void clear() {
        rules.clear();
        bodyRules.clear();
        served.clear();
    }

    /** Every fault served since the start or the last {@link #clear()}, in order. */
    public List<Served> served() {
        return List.copyOf(served);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String service = service(exchange.getRequestHeaders()).orElse("");
            Optional<String> target = Optional.ofNullable(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
            Optional<String> action = target.isPresent() ? Optional.empty() : formAction(exchange.getRequestHeaders(), body);
            String operation = target.map(t -> t.substring(t.lastIndexOf('.') + 1)).or(() -> action).orElse("");
            String text = new String(body, StandardCharsets.UTF_8);
            Fault fault = Optional.ofNullable(rules.get(key(service, operation))).orElse(rules.get(key(service, "*")));
            BodyRule bodyRule = bodyRules.get(key(service, operation));
            if (fault == null && bodyRule != null && text.contains(bodyRule.marker())) {
                fault = bodyRule.fault();
            }
            if (fault == null) {
                forward(exchange, body);
                return;
            }
            served.add(new Served(service, operation, fault));
            if (fault == Fault.HANG) {
                hang();
                return;
            }
            if (fault == Fault.FORWARDED_THEN_FAILED) {
                send(exchange, body);
            }
            Protocol protocol = target.isPresent() ? Protocol.JSON
                    : "ec2".equals(service) ? Protocol.EC2
                    : action.isPresent() ? Protocol.QUERY
                    : "s3".equals(service) ? Protocol.S3 : Protocol.REST_JSON;
            answer(exchange, protocol.error(fault));
        }
    }

    private void hang() {
        try {
            Thread.sleep(longestHang);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the proxy is closing
        }
    }

    private void forward(HttpExchange exchange, byte[] body) throws IOException {
        HttpResponse<byte[]> response = send(exchange, body);
        Headers headers = exchange.getResponseHeaders();
        response.headers().map().forEach((name, values) -> {
            if (!HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                headers.put(name, values);
            }
        });
        byte[] answer = response.body();
        boolean noBody = answer.length == 0 || "HEAD".equalsIgnoreCase(exchange.getRequestMethod());
        exchange.sendResponseHeaders(response.statusCode(), noBody ? -1 : answer.length);
        if (!noBody) {
            exchange.getResponseBody().write(answer);
        }
    }

    /** Sends the request on to the emulator and returns its answer. */
    private HttpResponse<byte[]> send(HttpExchange exchange, byte[] body) throws IOException {
        URI target = upstream.resolve(exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()));
        HttpRequest.Builder request = HttpRequest.newBuilder(target)
                .method(exchange.getRequestMethod(), body.length == 0
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
            }
        });
        try {
            return upstreamClient.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while forwarding to the emulator", e);
        }
    }

    private static void answer(HttpExchange exchange, ErrorAnswer error) throws IOException {
        byte[] body = error.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", error.contentType());
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        error.errorTypeHeader().ifPresent(type -> exchange.getResponseHeaders().set("x-amzn-ErrorType", type));
        exchange.sendResponseHeaders(error.status(), body.length);
        exchange.getResponseBody().write(body);
    }

    /** The signing name in {@code Authorization: AWS4-HMAC-SHA256 Credential=KEY/DATE/REGION/SERVICE/aws4_request, ...}. */
    private static Optional<String> service(Headers headers) {
        String authorization = headers.getFirst("Authorization");
        if (authorization == null) {
            return Optional.empty();
        }
        Matcher scope = CREDENTIAL_SCOPE.matcher(authorization);
        return scope.find() ? Optional.of(scope.group(1)) : Optional.empty();
    }

    /** The {@code Action} parameter of a query-protocol request's form body. */
    private static Optional<String> formAction(Headers headers, byte[] body) {
        String contentType = headers.getFirst("Content-Type");
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            return Optional.empty();
        }
        for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && "Action".equals(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8))) {
                return Optional.of(URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }

    private static String key(String service, String operation) {
        return service + " " + operation;
    }

    private static void requireLoopback(URI endpoint) {
        try {
            if (endpoint.getHost() == null || !InetAddress.getByName(endpoint.getHost()).isLoopbackAddress()) {
                throw new HarnessException("The fault proxy only forwards to a loopback address, not " + endpoint);
            }
        } catch (IOException e) {
            throw new HarnessException("Cannot resolve the fault proxy's upstream " + endpoint, e);
        }
    }

    private record ErrorAnswer(int status, String contentType, String body, Optional<String> errorTypeHeader) {
    }

    /** How each AWS protocol spells an error, so that the SDK parses the code as it would from AWS. */
    private enum Protocol {
        /** awsJson 1.0 / 1.1 (ECS, CloudWatch Logs, KMS): {@code __type} in a JSON body. */
        JSON {
            @Override
            ErrorAnswer error(Fault fault) {
                Code code = switch (fault) {
                    case THROTTLED -> new Code(400, "ThrottlingException", "Rate exceeded");
                    case ACCESS_DENIED -> new Code(400, "AccessDeniedException", DENIED_MESSAGE);
                    case INTERNAL_ERROR, FORWARDED_THEN_FAILED -> new Code(500, "InternalFailure", "The request processing has failed because of an unknown error");
                    case UNAVAILABLE, HANG -> new Code(503, "ServiceUnavailableException", "Service Unavailable");
                };
                return new ErrorAnswer(code.status(), "application/x-amz-json-1.1",
                        "{\"__type\":\"" + code.code() + "\",\"message\":\"" + code.message() + "\"}", Optional.empty());
            }
        },
        /** The query protocol (IAM, STS, SNS): an {@code ErrorResponse} XML document. */
        QUERY {
            @Override
            ErrorAnswer error(Fault fault) {
                Code code = switch (fault) {
                    case THROTTLED -> new Code(400, "Throttling", "Rate exceeded");
                    case ACCESS_DENIED -> new Code(403, "AccessDenied", DENIED_MESSAGE);
                    case INTERNAL_ERROR, FORWARDED_THEN_FAILED -> new Code(500, "InternalFailure", "The request processing has failed because of an unknown error");
                    case UNAVAILABLE, HANG -> new Code(503, "ServiceUnavailable", "Service Unavailable");
                };
                return new ErrorAnswer(code.status(), "text/xml",
                        "<ErrorResponse><Error><Type>" + (code.status() >= 500 ? "Receiver" : "Sender") + "</Type><Code>" + code.code()
                                + "</Code><Message>" + code.message() + "</Message></Error><RequestId>" + UUID.randomUUID()
                                + "</RequestId></ErrorResponse>", Optional.empty());
            }
        },
        /** EC2's own query dialect: {@code Response/Errors/Error}. */
        EC2 {
            @Override
            ErrorAnswer error(Fault fault) {
                Code code = switch (fault) {
                    case THROTTLED -> new Code(400, "RequestLimitExceeded", "Request limit exceeded");
                    case ACCESS_DENIED -> new Code(403, "UnauthorizedOperation", "You are not authorized to perform this operation");
                    case INTERNAL_ERROR, FORWARDED_THEN_FAILED -> new Code(500, "InternalError", "An internal error has occurred");
                    case UNAVAILABLE, HANG -> new Code(503, "Unavailable", "The server is overloaded and can't handle the request");
                };
                return new ErrorAnswer(code.status(), "text/xml;charset=UTF-8",
                        "<Response><Errors><Error><Code>" + code.code() + "</Code><Message>" + code.message()
                                + "</Message></Error></Errors><RequestID>" + UUID.randomUUID() + "</RequestID></Response>", Optional.empty());
            }
        },
        /** S3's REST-XML: an {@code Error} document. */
        S3 {
            @Override
            ErrorAnswer error(Fault fault) {
                Code code = switch (fault) {
                    case THROTTLED -> new Code(503, "SlowDown", "Please reduce your request rate");
                    case ACCESS_DENIED -> new Code(403, "AccessDenied", "Access Denied");
                    case INTERNAL_ERROR, FORWARDED_THEN_FAILED -> new Code(500, "InternalError", "We encountered an internal error, please try again");
                    case UNAVAILABLE, HANG -> new Code(503, "ServiceUnavailable", "Service is unable to handle request");
                };
                return new ErrorAnswer(code.status(), "application/xml",
                        "<Error><Code>" + code.code() + "</Code><Message>" + code.message() + "</Message><RequestId>"
                                + UUID.randomUUID() + "</RequestId></Error>", Optional.empty());
            }
        },
        /** REST-JSON (Security Hub): the code in {@code x-amzn-ErrorType}, the message in the body. */
        REST_JSON {
            @Override
            ErrorAnswer error(Fault fault) {
                Code code = switch (fault) {
                    case THROTTLED -> new Code(429, "TooManyRequestsException", "Rate exceeded");
                    case ACCESS_DENIED -> new Code(403, "AccessDeniedException", DENIED_MESSAGE);
                    case INTERNAL_ERROR, FORWARDED_THEN_FAILED -> new Code(500, "InternalException", "Internal error");
                    case UNAVAILABLE, HANG -> new Code(503, "ServiceUnavailableException", "Service Unavailable");
                };
                return new ErrorAnswer(code.status(), "application/json", "{\"message\":\"" + code.message() + "\"}",
                        Optional.of(code.code()));
            }
        };

        private static final String DENIED_MESSAGE = "User is not authorized to perform this operation because no identity-based policy allows it";

        abstract ErrorAnswer error(Fault fault);
    }

    private record Code(int status, String code, String message) {
    }
}
