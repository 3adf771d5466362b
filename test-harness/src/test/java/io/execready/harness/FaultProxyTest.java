package io.execready.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.execready.harness.FaultProxy.Fault;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.EcsException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.IamException;

/**
 * The proxy through the AWS SDK's own clients, in front of a loopback stand-in that answers every
 * request with an empty JSON object: the SDK must read each fault as AWS would send it.
 */
class FaultProxyTest {

    private HttpServer upstream;
    private final List<String> forwardedTargets = new CopyOnWriteArrayList<>();
    private FaultProxy proxy;
    private EcsClient ecs;
    private IamClient iam;

    @BeforeEach
    void start() throws IOException {
        upstream = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        upstream.createContext("/", exchange -> {
            try (exchange) {
                forwardedTargets.add(String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target")));
                exchange.getRequestBody().readAllBytes();
                byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        upstream.start();
        proxy = FaultProxy.start("http://127.0.0.1:" + upstream.getAddress().getPort(), Duration.ofSeconds(3));
        ecs = EcsClient.builder().endpointOverride(URI.create(proxy.endpoint())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
        iam = IamClient.builder().endpointOverride(URI.create(proxy.endpoint())).region(Region.AWS_GLOBAL)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    @AfterEach
    void stop() {
        ecs.close();
        iam.close();
        proxy.close();
        upstream.stop(0);
    }

    @Test
    void start_listensOnLoopbackOnly() {
        assertThat(proxy.endpoint()).startsWith("http://127.0.0.1:");
    }

    @Test
    void start_refusesAnUpstreamThatIsNotLoopback() {
        assertThatThrownBy(() -> FaultProxy.start("http://192.0.2.10:4566", Duration.ofSeconds(1)))
                .isInstanceOf(HarnessException.class).hasMessageContaining("loopback");
    }

    @Test
    void withoutARule_forwardsTheRequest() {
        assertThat(ecs.listClusters().clusterArns()).isEmpty();

        assertThat(forwardedTargets).containsExactly("AmazonEC2ContainerServiceV20141113.ListClusters");
        assertThat(proxy.served()).isEmpty();
    }

    @Test
    void throttledJsonOperation_isAThrottlingExceptionToTheSdk_andOtherOperationsStillPass() {
        proxy.inject("ecs", "DescribeClusters", Fault.THROTTLED);

        assertThatThrownBy(() -> ecs.describeClusters(r -> r.clusters("prod")))
                .isInstanceOfSatisfying(EcsException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException");
                    assertThat(e.isThrottlingException()).isTrue();
                });
        assertThat(ecs.listClusters().clusterArns()).isEmpty();
        assertThat(proxy.served()).containsExactly(new FaultProxy.Served("ecs", "DescribeClusters", Fault.THROTTLED));
        assertThat(forwardedTargets).containsExactly("AmazonEC2ContainerServiceV20141113.ListClusters");
    }

    @Test
    void deniedJsonOperation_isAnAccessDeniedExceptionToTheSdk() {
        proxy.inject("ecs", "*", Fault.ACCESS_DENIED);

        assertThatThrownBy(() -> ecs.listClusters())
                .isInstanceOfSatisfying(EcsException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException"));
    }

    @Test
    void queryOperation_isMatchedByItsActionAndAnsweredInTheQueryErrorShape() {
        proxy.inject("iam", "GetRole", Fault.THROTTLED);
        proxy.inject("iam", "GetInstanceProfile", Fault.ACCESS_DENIED);

        assertThatThrownBy(() -> iam.getRole(r -> r.roleName("web")))
                .isInstanceOfSatisfying(IamException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("Throttling");
                    assertThat(e.isThrottlingException()).isTrue();
                });
        assertThatThrownBy(() -> iam.getInstanceProfile(r -> r.instanceProfileName("web")))
                .isInstanceOfSatisfying(IamException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(403);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                });
    }

    @Test
    void forwardedThenFailed_letsTheEmulatorActButAnswersTheCallerWithAServerError() {
        proxy.inject("ecs", "ListClusters", Fault.FORWARDED_THEN_FAILED);

        assertThatThrownBy(() -> ecs.listClusters())
                .isInstanceOfSatisfying(EcsException.class, e -> assertThat(e.statusCode()).isEqualTo(500));
        assertThat(forwardedTargets).as("the emulator got the request").containsExactly("AmazonEC2ContainerServiceV20141113.ListClusters");
        assertThat(proxy.served()).containsExactly(new FaultProxy.Served("ecs", "ListClusters", Fault.FORWARDED_THEN_FAILED));
    }

    @Test
    void serverErrors_carryTheirStatus() {
        proxy.inject("ecs", "ListClusters", Fault.UNAVAILABLE);
        proxy.inject("iam", "GetRole", Fault.INTERNAL_ERROR);

        assertThatThrownBy(() -> ecs.listClusters()).isInstanceOfSatisfying(EcsException.class, e -> assertThat(e.statusCode()).isEqualTo(503));
        assertThatThrownBy(() -> iam.getRole(r -> r.roleName("web")))
                .isInstanceOfSatisfying(IamException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InternalFailure"));
    }

    @Test
    void hang_leavesTheClientToItsOwnTimeout() {
        proxy.inject("ecs", "ListClusters", Fault.HANG);

        // The proxy holds the connection for 3 s; the client gives up after its own half second.
        assertThatThrownBy(() -> ecs.listClusters(r -> r.overrideConfiguration(o -> o.apiCallAttemptTimeout(Duration.ofMillis(500)))))
                .isInstanceOf(SdkClientException.class).hasMessageContaining("timeout");
        assertThat(proxy.served()).containsExactly(new FaultProxy.Served("ecs", "ListClusters", Fault.HANG));
        assertThat(forwardedTargets).isEmpty();
    }

    @Test
    void clear_forwardsEverythingAgainAndForgetsWhatWasServed() {
        proxy.inject("ecs", "ListClusters", Fault.THROTTLED);
        assertThatThrownBy(() -> ecs.listClusters()).isInstanceOf(EcsException.class);

        proxy.clear();

        assertThat(ecs.listClusters().clusterArns()).isEmpty();
        assertThat(proxy.served()).isEmpty();
    }
}
