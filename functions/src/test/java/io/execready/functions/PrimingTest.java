package io.execready.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.execready.checks.CheckRegistry;
import io.execready.engine.CheckStatus;
import io.execready.fixtures.SdkSystemProperties;
import io.execready.functions.FunctionComponents.StateTableNeed;
import io.execready.functions.Priming.PrimingReport;
import io.execready.functions.Priming.When;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PrimingTest {

    private static final Map<String, String> ENVIRONMENT = Map.of("AWS_REGION", "eu-west-1", "STATE_TABLE_NAME", "execready-state",
            "ALERT_TOPIC_ARN", "arn:aws:sns:eu-west-1:123456789012:alerts");

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final SdkSystemProperties saved = SdkSystemProperties.save();
    private ServerSocket endpoint;
    private final AtomicInteger connections = new AtomicInteger();
    private Thread acceptor;

    /** Every SDK client of this JVM is pointed at a socket that only counts who connects. */
    @BeforeEach
    void pointTheSdkAtACountingSocket() throws IOException {
        endpoint = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        endpoint.setSoTimeout(100);
        acceptor = Thread.ofPlatform().daemon().start(() -> {
            while (!endpoint.isClosed()) {
                try (Socket ignored = endpoint.accept()) {
                    connections.incrementAndGet();
                } catch (SocketTimeoutException again) {
                    // Poll until closed.
                } catch (IOException closed) {
                    return;
                }
            }
        });
        System.setProperty("aws.endpointUrl", "http://127.0.0.1:" + endpoint.getLocalPort());
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
    }

    @AfterEach
    void restore() throws Exception {
        endpoint.close();
        acceptor.join();
        saved.restore();
    }

    @Test
    void prime_runsEveryCheckAndEveryOperationOffline_withoutAnyConnection() {
        FunctionComponents.Primed built = FunctionComponents.createPrimed(ENVIRONMENT,
                new PrintStream(log, true, StandardCharsets.UTF_8), Clock.systemUTC(), StateTableNeed.AT_START);

        PrimingReport report = built.priming().prime();

        assertThat(report.checksEvaluated()).isEqualTo(CheckRegistry.all().size());
        assertThat(report.verdicts().get(CheckStatus.PASS)).as("checks that passed on facts read from the bundled answers").isPositive();
        assertThat(report.findingsMapped()).isPositive();
        assertThat(report.sdkOperationsRefused()).isEmpty();
        assertThat(report.sdkOperationsAnswered()).contains("ecs:DescribeTasks", "ec2:DescribeNetworkInterfaces",
                "iam:SimulatePrincipalPolicy", "dynamodb:TransactWriteItems", "securityhub:BatchImportFindings", "sns:Publish");
        assertThat(connections).hasValue(0);
        assertThat(built.components().awsCalls().drain()).isEmpty();
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("\"outcome\":\"PRIMED\"");
    }

    @Test
    void when_followsTheInitializationType_andPrimeOnInit() {
        assertThat(Priming.when(Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start", "PRIME_ON_INIT", "true")))
                .isEqualTo(When.BEFORE_CHECKPOINT);
        assertThat(Priming.when(Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "provisioned-concurrency"))).isEqualTo(When.DURING_INIT);
        assertThat(Priming.when(Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand", "PRIME_ON_INIT", "true"))).isEqualTo(When.DURING_INIT);
        assertThat(Priming.when(Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand"))).isEqualTo(When.NEVER);
        assertThat(Priming.when(Map.of())).isEqualTo(When.NEVER);
    }
}
