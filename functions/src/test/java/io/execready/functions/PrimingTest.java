package io.execready.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.execready.checks.CheckRegistry;
import io.execready.engine.CheckStatus;
import io.execready.fixtures.SdkSystemProperties;
import io.execready.functions.FunctionComponents.StateTableNeed;
import io.execready.functions.Priming.PrimingReport;
import io.execready.functions.Priming.When;
import io.execready.snapshot.Subject;
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
        assertThat(report.published().findingsImported()).as("findings the rehearsal imported through the offline Security Hub client")
                .isPositive();
        assertThat(report.published().alertMessageId()).as("the alert the rehearsal sent through the offline SNS client").isPresent();
        assertThat(report.sdkOperationsRefused()).isEmpty();
        assertThat(report.sdkOperationsAnswered()).contains("ecs:DescribeTasks", "ec2:DescribeNetworkInterfaces",
                "iam:SimulatePrincipalPolicy", "dynamodb:TransactWriteItems", "securityhub:BatchImportFindings", "sns:Publish");
        assertThat(connections).hasValue(0);
        assertThat(built.components().awsCalls().drain()).isEmpty();
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("\"outcome\":\"PRIMED\"");
    }

    @Test
    void prime_publishesThroughItsOwnPlaceholderTable_leavingTheFunctionsStateToBeBuiltOnFirstUse() {
        FunctionComponents.Primed built = FunctionComponents.createPrimed(Map.of("AWS_REGION", "eu-west-1"),
                new PrintStream(log, true, StandardCharsets.UTF_8), Clock.systemUTC(), StateTableNeed.ON_FIRST_USE);

        // No table is configured: building the function's own state store or findings port here would fail.
        PrimingReport report = built.priming().prime();

        assertThat(report.published().findingsImported()).isPositive();
        assertThatThrownBy(() -> built.components().serviceClaims().evaluated(Subject.service("arn:aws:ecs:eu-west-1:123456789012:cluster/c", "s")))
                .hasMessageContaining("STATE_TABLE_NAME");
        assertThat(connections).hasValue(0);
        assertThat(built.components().awsCalls().drain()).isEmpty();
    }

    @Test
    void rehearsalEnvironment_replacesWhatWouldReachOut() {
        Map<String, String> rehearsal = Priming.rehearsalEnvironment(Map.of("AWS_REGION", "eu-west-1", "STATE_TABLE_NAME", "execready-state",
                "CHAT_TOPIC_ARN", "arn:aws:sns:eu-west-1:111122223333:chat", "CENTRAL_ALERT_TOPIC_ARN", "arn:aws:sns:eu-west-2:111122223333:c",
                "EXEC_PROBE_CLUSTERS", "prod", "LOG_LEVEL", "DEBUG"));

        assertThat(rehearsal).containsEntry("LOG_LEVEL", "DEBUG")
                .doesNotContainKeys("CENTRAL_ALERT_TOPIC_ARN", "EXEC_PROBE_CLUSTERS")
                .containsEntry("STATE_TABLE_NAME", "execready-priming-placeholder");
        assertThat(rehearsal.get("ALERT_TOPIC_ARN")).endsWith(":execready-priming-placeholder");
        assertThat(rehearsal.get("CHAT_TOPIC_ARN")).doesNotContain("111122223333");
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
