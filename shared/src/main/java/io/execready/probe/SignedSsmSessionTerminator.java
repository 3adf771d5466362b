package io.execready.probe;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;

/**
 * ssm:TerminateSession as one SigV4-signed JSON call. The project carries no SSM client for a
 * single action; the request is the one the SSM API documents (target
 * {@code AmazonSSM.TerminateSession}, body {@code {"SessionId": ...}}). The endpoint follows the
 * SDK's own settings ({@code AWS_ENDPOINT_URL_SSM}, then {@code AWS_ENDPOINT_URL}) so local runs
 * reach the emulator.
 */
public final class SignedSsmSessionTerminator implements SessionTerminator {

    private static final String SERVICE = "ssm";

    private final SdkHttpClient http;
    private final AwsCredentialsProvider credentials;
    private final Region region;
    private final URI endpoint;

    public SignedSsmSessionTerminator(SdkHttpClient http, AwsCredentialsProvider credentials, Region region, URI endpoint) {
        this.http = Objects.requireNonNull(http, "http");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.region = Objects.requireNonNull(region, "region");
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    }

    /** The SSM endpoint the SDK would use: an endpoint override from the environment, else the regional one. */
    public static URI endpointFor(Region region) {
        return Optional.ofNullable(System.getenv("AWS_ENDPOINT_URL_SSM"))
                .or(() -> Optional.ofNullable(System.getenv("AWS_ENDPOINT_URL")))
                .map(URI::create)
                .orElseGet(() -> URI.create("https://ssm." + region.id() + ".amazonaws.com"));
    }

    @Override
    public void terminate(String sessionId) throws IOException {
        byte[] body = ("{\"SessionId\":\"" + sessionId.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        SdkHttpFullRequest request = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(endpoint.resolve("/"))
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", "AmazonSSM.TerminateSession")
                .contentStreamProvider(ContentStreamProvider.fromByteArray(body))
                .build();
        AwsCredentialsIdentity identity = credentials.resolveIdentity().join();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r.identity(identity)
                .request(request)
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, SERVICE)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region.id()));
        HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder()
                .request(signed.request())
                .contentStreamProvider(signed.payload().orElse(null))
                .build()).call();
        int status = response.httpResponse().statusCode();
        if (status / 100 != 2) {
            throw new IOException("ssm:TerminateSession answered HTTP " + status + ": " + text(response.responseBody()));
        }
    }

    private static String text(Optional<? extends InputStream> body) throws IOException {
        try (InputStream stream = body.map(InputStream.class::cast).orElseGet(() -> new ByteArrayInputStream(new byte[0]))) {
            return new String(stream.readNBytes(500), StandardCharsets.UTF_8);
        }
    }
}
