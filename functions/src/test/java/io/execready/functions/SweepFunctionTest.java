package io.execready.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.execready.aws.AwsCallRecorder;
import io.execready.aws.ClusterDirectory;
import io.execready.functions.events.SweepEvents;
import io.execready.logging.JsonLog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ListClustersRequest;
import software.amazon.awssdk.services.ecs.model.ListClustersResponse;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/** The sweep schedule's function in-process, with an ECS client that lists clusters and a queue client that keeps what it was sent. */
class SweepFunctionTest {

    private static final String QUEUE = "https://sqs.eu-west-1.amazonaws.com/123456789012/execready-sweep";

    private final InProcessFunctions functions = new InProcessFunctions();
    private final List<String> clusters = IntStream.range(0, 23)
            .mapToObj(i -> "arn:aws:ecs:eu-west-1:123456789012:cluster/c" + i).toList();
    private final List<SendMessageBatchRequest> sent = new ArrayList<>();
    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private final SweepFunction function = new SweepFunction(new ClusterDirectory(new ListingEcs()), new KeepingSqs(), QUEUE,
            JsonLog.create(new PrintStream(logBytes, true, StandardCharsets.UTF_8), "INFO", InProcessFunctions.CLOCK), new AwsCallRecorder());

    @AfterEach
    void close() {
        functions.close();
    }

    @Test
    void handleRequest_onTheSchedule_queuesOneMessagePerClusterInBatchesOfTen() throws Exception {
        JsonNode response = functions.invoke(function,
                InProcessFunctions.event("Scheduled Event", "aws.events", List.of("arn:aws:events:eu-west-1:123456789012:rule/sweep"), Map.of()));

        assertThat(response.get("outcome").asText()).isEqualTo("DISPATCHED");
        assertThat(response.get("clusters").asInt()).isEqualTo(23);
        assertThat(sent).extracting(request -> request.entries().size()).containsExactly(10, 10, 3);
        assertThat(sent.stream().flatMap(r -> r.entries().stream()).map(SendMessageBatchRequestEntry::messageBody).toList())
                .containsExactlyElementsOf(clusters.stream().map(SweepEvents::clusterMessageBody).toList());
        String[] lines = logBytes.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines[0]).contains("\"outcome\":\"DISPATCHED\"");
        assertThat(lines[1]).contains("\"ClustersDispatched\":23");
    }

    @Test
    void handleRequest_whenThePayloadIsNotASchedule_ignoresIt() {
        JsonNode response = functions.invoke(function, "{\"source\": \"aws.s3\"}");

        assertThat(response.get("outcome").asText()).isEqualTo("IGNORED");
        assertThat(sent).isEmpty();
    }

    private final class ListingEcs implements EcsClient {
        @Override
        public ListClustersResponse listClusters(ListClustersRequest request) {
            return ListClustersResponse.builder().clusterArns(clusters).build();
        }

        @Override
        public String serviceName() {
            return SERVICE_NAME;
        }

        @Override
        public void close() {
        }
    }

    private final class KeepingSqs implements SqsClient {
        @Override
        public SendMessageBatchResponse sendMessageBatch(SendMessageBatchRequest request) {
            sent.add(request);
            return SendMessageBatchResponse.builder().build();
        }

        @Override
        public String serviceName() {
            return SERVICE_NAME;
        }

        @Override
        public void close() {
        }
    }
}
