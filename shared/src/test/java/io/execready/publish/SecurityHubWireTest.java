package io.execready.publish;

import static io.execready.publish.ReportFixture.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.execready.engine.CauseResource;
import io.execready.engine.CheckStatus;
import io.execready.engine.TaskReport;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;

/**
 * The publisher and mapper through the real SDK client, down to the HTTP body: the JSON Security
 * Hub would receive, and the response it would send back, with no network involved.
 */
class SecurityHubWireTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void publish_throughTheSdkClient_sendsAsffJsonOfTheEstimatedSize() throws IOException {
        TaskReport report = ReportFixture.serviceTask()
                .result(result("task-role-present", CheckStatus.FAIL).withCause(CauseResource.iamRole("arn:aws:iam::123456789012:role/app")))
                .result(result("task-running", CheckStatus.PASS))
                .result(result("init-process-enabled", CheckStatus.WARN).withEvidence("containers", "app, sidecar"))
                .build();
        List<AwsSecurityFinding> findings = new AsffFindingMapper().map(report, FindingContext.evaluatedAt(report));
        CapturingHttpClient http = new CapturingHttpClient("{\"FailedCount\":0,\"SuccessCount\":3,\"FailedFindings\":[]}");

        try (SecurityHubClient client = client(http)) {
            PublishOutcome outcome = new SecurityHubPublisher(client, ImportRetryPolicy.DEFAULT, duration -> { }).publish(findings);
            assertThat(outcome.imported()).isEqualTo(3);
        }

        assertThat(http.paths).containsExactly("/findings/import");
        String body = http.bodies.getFirst();
        // Without control characters (whose escapes are counted at their longest) the estimate is exact.
        long estimated = findings.stream().mapToLong(AsffJsonSize::of).sum() + findings.size() - 1 + "{\"Findings\":[]}".length();
        assertThat((long) body.getBytes(StandardCharsets.UTF_8).length).isEqualTo(estimated);

        JsonNode sent = JSON.readTree(body).get("Findings");
        assertThat(sent).hasSize(3);
        JsonNode first = sent.get(0);
        assertThat(first.get("SchemaVersion").asText()).isEqualTo("2018-10-08");
        assertThat(first.get("ProductArn").asText()).isEqualTo("arn:aws:securityhub:eu-west-1:123456789012:product/123456789012/default");
        assertThat(first.get("Compliance").get("Status").asText()).isEqualTo("FAILED");
        assertThat(first.get("FindingProviderFields").get("Severity").get("Label").asText()).isEqualTo("HIGH");
        assertThat(first.get("Resources").get(0).get("Details").get("AwsEcsService").get("Name").asText()).isEqualTo("payments-api");
        assertThat(first.get("Resources").get(1).get("Details").get("Other").get("EnableExecuteCommand").asText()).isEqualTo("true");
        assertThat(first.get("ProductFields").fieldNames()).toIterable().allSatisfy(key -> assertThat(key).startsWith("execready/"));
    }

    @Test
    void publish_throughTheSdkClient_readsFailedFindingsFromAnHttp200() {
        List<AwsSecurityFinding> findings = IntStream.range(0, 2)
                .mapToObj(i -> AwsSecurityFinding.builder().id("finding-" + i).schemaVersion(AsffFindingMapper.SCHEMA_VERSION).build())
                .toList();
        CapturingHttpClient http = new CapturingHttpClient("{\"FailedCount\":1,\"SuccessCount\":1,\"FailedFindings\":"
                + "[{\"Id\":\"finding-1\",\"ErrorCode\":\"InvalidInput\",\"ErrorMessage\":\"Finding does not adhere to Amazon Finding Format.\"}]}");

        FindingsImportException thrown;
        try (SecurityHubClient client = client(http)) {
            thrown = catchThrowableOfType(FindingsImportException.class,
                    () -> new SecurityHubPublisher(client, ImportRetryPolicy.DEFAULT, duration -> { }).publish(findings));
        }

        assertThat(http.bodies).hasSize(1);
        assertThat(thrown.failures()).containsExactly(
                new ImportFailure("finding-1", "InvalidInput", "Finding does not adhere to Amazon Finding Format."));
        assertThat(thrown.outcome().imported()).isEqualTo(1);
    }

    private static SecurityHubClient client(SdkHttpClient http) {
        return SecurityHubClient.builder()
                .region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
                .httpClient(http)
                .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD).apiCallTimeout(Duration.ofSeconds(10)))
                .build();
    }

    /** Answers every request with HTTP 200 and the given JSON, keeping each request's path and body. */
    private static final class CapturingHttpClient implements SdkHttpClient {
        final List<String> paths = new ArrayList<>();
        final List<String> bodies = new ArrayList<>();
        private final String responseJson;

        CapturingHttpClient(String responseJson) {
            this.responseJson = responseJson;
        }

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() {
                    paths.add(request.httpRequest().encodedPath());
                    bodies.add(request.contentStreamProvider().map(provider -> read(provider.newStream())).orElse(""));
                    byte[] response = responseJson.getBytes(StandardCharsets.UTF_8);
                    return HttpExecuteResponse.builder()
                            .response(SdkHttpResponse.builder().statusCode(200).putHeader("Content-Type", "application/json").build())
                            .responseBody(AbortableInputStream.create(new ByteArrayInputStream(response)))
                            .build();
                }

                @Override
                public void abort() {
                }
            };
        }

        @Override
        public void close() {
        }

        private static String read(InputStream stream) {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
