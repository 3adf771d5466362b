package io.execready.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.execready.functions.local.LocalCheckerRun;
import io.execready.harness.AsyncInvocation;
import io.execready.harness.Invocation;
import io.execready.harness.LambdaFunction;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * An ECS event whose processing keeps failing for a transient reason (Security Hub unreachable) is
 * not swallowed: every attempt fails the invocation, Lambda's asynchronous retries run out, and the
 * event reaches the on-failure queue whole. Nothing is recorded as done, so once Security Hub is
 * back the same event is evaluated, not dropped as a duplicate.
 */
@Tag("emulator")
class AsyncFailureEndToEndTest {

    private static final String HANDLER = "io.execready.functions.TaskStateChangeFunction::handleRequest";
    /** template.yaml: EventInvokeConfig MaximumRetryAttempts of the task-event function. */
    private static final int MAXIMUM_RETRY_ATTEMPTS = 2;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static LocalCheckerRun run;

    @BeforeAll
    static void start() {
        run = LocalCheckerRun.start(System.getProperty("java.class.path"));
    }

    @AfterAll
    static void stop() {
        if (run != null) {
            run.close();
        }
    }

    @Test
    void transientFailure_isRetriedThenDeadLetteredWhole_andTheEventIsNotLost() throws Exception {
        String event = run.asDeliveredHere(Files.readString(LocalCheckerRun.eventsDirectory().resolve("task-running-not-ready.json")));
        Map<String, String> environment = new LinkedHashMap<>(run.functionEnvironment());
        environment.put("AWS_ENDPOINT_URL_SECURITYHUB", "http://127.0.0.1:" + closedPort());
        Region region = Region.of(run.aws().region());

        AsyncInvocation.Outcome outcome;
        List<Message> deadLetters;
        try (SqsClient sqs = SqsClient.builder().region(region).build();
             LambdaFunction function = LambdaFunction.start(HANDLER, System.getProperty("java.class.path"), environment)) {
            String queueUrl = sqs.createQueue(r -> r.queueName("execready-invocation-failures")).queueUrl();
            outcome = AsyncInvocation.invoke(function, event, MAXIMUM_RETRY_ATTEMPTS, LocalCheckerRun.INVOKE_TIMEOUT,
                    record -> sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(record)));
            deadLetters = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
        }

        assertThat(outcome.attempts()).hasSize(1 + MAXIMUM_RETRY_ATTEMPTS)
                .allSatisfy(attempt -> assertThat(attempt.succeeded()).as("attempt %s", attempt.requestId()).isFalse());
        assertThat(outcome.attempts().getFirst().errorMessage()).contains("were not imported into Security Hub", "Connection refused");
        assertThat(deadLetters).hasSize(1);
        JsonNode record = JSON.readTree(deadLetters.getFirst().body());
        assertThat(record.get("requestContext").get("condition").asText()).isEqualTo("RetriesExhausted");
        assertThat(record.get("requestPayload")).isEqualTo(JSON.readTree(event));
        assertThat(run.findings()).isEmpty();
        assertThat(run.alerts()).isEmpty();

        Invocation redelivered = run.invoke(HANDLER, event);

        assertThat(JSON.readTree(redelivered.payload()).get("outcome").asText())
                .as("the failed attempts recorded nothing, so the replayed event is evaluated").isEqualTo("EVALUATED");
        assertThat(run.findings()).isNotEmpty();
        assertThat(run.alerts()).hasSize(1);
    }

    /** A loopback port nothing listens on: connections to it are refused at once. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
