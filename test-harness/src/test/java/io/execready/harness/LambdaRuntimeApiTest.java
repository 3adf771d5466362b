package io.execready.harness;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Plays the runtime's side of the Runtime API with a plain HTTP client. */
class LambdaRuntimeApiTest {

    private static final String FUNCTION_ARN = "arn:aws:lambda:us-east-1:123456789012:function:demo";
    private final LambdaRuntimeApi api = LambdaRuntimeApi.start();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @AfterEach
    void close() {
        api.close();
    }

    @Test
    void next_blocksUntilAnInvocationIsSubmitted_thenHandsItOutWithLambdaHeaders() throws Exception {
        CompletableFuture<HttpResponse<String>> next = http.sendAsync(get("invocation/next"), HttpResponse.BodyHandlers.ofString());
        Thread.sleep(200);
        assertThat(next).isNotDone();
        Instant deadline = Instant.now().plusSeconds(30);

        LambdaRuntimeApi.Submitted submitted = api.submit("{\"detail\":{}}", FUNCTION_ARN, deadline);

        HttpResponse<String> response = next.get(5, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"detail\":{}}");
        assertThat(response.headers().firstValue("Lambda-Runtime-Aws-Request-Id")).contains(submitted.requestId());
        assertThat(response.headers().firstValue("Lambda-Runtime-Deadline-Ms")).contains(Long.toString(deadline.toEpochMilli()));
        assertThat(response.headers().firstValue("Lambda-Runtime-Invoked-Function-Arn")).contains(FUNCTION_ARN);
        assertThat(response.headers().firstValue("Lambda-Runtime-Trace-Id")).hasValueSatisfying(
                trace -> assertThat(trace).matches("Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0"));
        assertThat(api.firstPollAt()).isPresent();
    }

    @Test
    void response_completesTheInvocationWithThePayload() throws Exception {
        LambdaRuntimeApi.Submitted submitted = api.submit("{}", FUNCTION_ARN, Instant.now().plusSeconds(30));
        http.send(get("invocation/next"), HttpResponse.BodyHandlers.ofString());

        HttpResponse<String> posted = http.send(post("invocation/" + submitted.requestId() + "/response", "{\"ok\":true}"),
                HttpResponse.BodyHandlers.ofString());

        assertThat(posted.statusCode()).isEqualTo(202);
        LambdaRuntimeApi.Result result = submitted.result().get(5, TimeUnit.SECONDS);
        assertThat(result.requestId()).isEqualTo(submitted.requestId());
        assertThat(result.payload()).isEqualTo("{\"ok\":true}");
        assertThat(result.error()).isNull();
    }

    @Test
    void error_completesTheInvocationWithTheReportedError() throws Exception {
        LambdaRuntimeApi.Submitted submitted = api.submit("{}", FUNCTION_ARN, Instant.now().plusSeconds(30));
        http.send(get("invocation/next"), HttpResponse.BodyHandlers.ofString());

        HttpResponse<String> posted = http.send(HttpRequest.newBuilder(uri("invocation/" + submitted.requestId() + "/error"))
                .header("Lambda-Runtime-Function-Error-Type", "Unhandled")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"errorMessage\":\"boom\",\"errorType\":\"java.lang.IllegalStateException\",\"stackTrace\":[\"a.B.c(B.java:1)\"]}"))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(posted.statusCode()).isEqualTo(202);
        LambdaRuntimeApi.Result result = submitted.result().get(5, TimeUnit.SECONDS);
        assertThat(result.payload()).isNull();
        assertThat(result.error()).isEqualTo(new LambdaRuntimeApi.FunctionError("java.lang.IllegalStateException", "boom",
                List.of("a.B.c(B.java:1)")));
    }

    @Test
    void error_withoutTypeInTheBody_takesTheTypeFromTheHeader() throws Exception {
        LambdaRuntimeApi.Submitted submitted = api.submit("{}", FUNCTION_ARN, Instant.now().plusSeconds(30));
        http.send(get("invocation/next"), HttpResponse.BodyHandlers.ofString());

        http.send(HttpRequest.newBuilder(uri("invocation/" + submitted.requestId() + "/error"))
                .header("Lambda-Runtime-Function-Error-Type", "Runtime.Unknown")
                .POST(HttpRequest.BodyPublishers.ofString("{\"errorMessage\":\"no type\"}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(submitted.result().get(5, TimeUnit.SECONDS).error().errorType()).isEqualTo("Runtime.Unknown");
    }

    @Test
    void initError_isRecorded() throws Exception {
        HttpResponse<String> posted = http.send(post("init/error",
                "{\"errorMessage\":\"bad config\",\"errorType\":\"Runtime.BadFunctionCode\"}"), HttpResponse.BodyHandlers.ofString());

        assertThat(posted.statusCode()).isEqualTo(202);
        assertThat(api.initError()).contains(new LambdaRuntimeApi.FunctionError("Runtime.BadFunctionCode", "bad config",
                List.of()));
    }

    @Test
    void response_forAnUnknownRequestId_isRejected() throws Exception {
        HttpResponse<String> posted = http.send(post("invocation/no-such-id/response", "{}"), HttpResponse.BodyHandlers.ofString());

        assertThat(posted.statusCode()).isEqualTo(400);
        assertThat(posted.body()).contains("InvalidRequestID");
    }

    @Test
    void unknownPath_isNotFound() throws Exception {
        HttpResponse<String> response = http.send(get("invocation/elsewhere"), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(404);
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).GET().build();
    }

    private HttpRequest post(String path, String body) {
        return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private URI uri(String path) {
        return URI.create("http://" + api.address() + "/2018-06-01/runtime/" + path);
    }
}
