package io.execready.functions;

import static io.execready.functions.InProcessFunctions.CLUSTER_ARN;
import static io.execready.functions.InProcessFunctions.SERVICE;
import static io.execready.functions.InProcessFunctions.task;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.execready.checks.CheckRegistry;
import io.execready.engine.CheckEngine;
import io.execready.engine.TaskReport;
import io.execready.fixtures.ReadFailures;
import io.execready.fixtures.ServiceSnapshotFixture;
import io.execready.fixtures.TaskSnapshotFixture;
import io.execready.functions.events.SweepEvents;
import io.execready.snapshot.EcsService;
import io.execready.snapshot.EcsTask;
import io.execready.snapshot.Subject;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The sweep queue's function in-process, through its injectable constructor, with the in-memory findings port. */
class SweepClusterFunctionTest {

    private static final String FIRST = "0123456789abcdef0123456789abcdef";

    private final InProcessFunctions functions = new InProcessFunctions();
    private final SweepClusterFunction function = new SweepClusterFunction(functions.components);

    @AfterEach
    void close() {
        functions.close();
    }

    private static String sqsEvent(String... bodies) {
        StringBuilder records = new StringBuilder();
        for (int i = 0; i < bodies.length; i++) {
            records.append(i == 0 ? "" : ",").append("{\"messageId\":\"m").append(i).append("\",\"body\":")
                    .append(quoted(bodies[i])).append(",\"attributes\":{\"ApproximateReceiveCount\":\"1\"}}");
        }
        return "{\"Records\":[" + records + "]}";
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Test
    void handleRequest_sweepsTheClusterEvaluatingItsTasksAndArchivingGoneSubjects() {
        EcsService service = ServiceSnapshotFixture.fargateService().service();
        functions.ecs.services.put(service.serviceName(), service);
        functions.ecs.put(task(FIRST, 3, "RUNNING"));
        EcsTask batchJob = TaskSnapshotFixture.standaloneFargateTask().withTaskId("0000000000000000000000000000000b").withVersion(2L)
                .build().task();
        functions.findings.publish(new CheckEngine(CheckRegistry.all(), InProcessFunctions.CLOCK)
                .evaluate(TaskSnapshotFixture.standaloneFargateTask().withTaskId(batchJob.taskId()).build()));
        Subject gone = Subject.of(batchJob);

        JsonNode response = functions.invoke(function, sqsEvent(SweepEvents.clusterMessageBody(CLUSTER_ARN)));

        assertThat(response.get("batchItemFailures")).isEmpty();
        assertThat(functions.findings.published()).filteredOn(TaskReport.class::isInstance)
                .extracting(report -> report.subject()).contains(SERVICE);
        assertThat(functions.findings.archived()).containsExactly(gone);
        JsonNode line = functions.lastLogLine();
        assertThat(line.get("outcome").asText()).isEqualTo("SWEPT");
        assertThat(line.get("tasksEvaluated").asInt()).isEqualTo(1);
        assertThat(line.get("archived").get(0).asText()).startsWith(gone.describe());
        JsonNode metrics = functions.lastMetricLine();
        assertThat(metrics.get("TasksEvaluated").asInt()).isEqualTo(1);
        assertThat(metrics.get("SubjectsArchived").asInt()).isEqualTo(1);
    }

    @Test
    void handleRequest_whenASweepFails_reportsThatMessageAloneForRedelivery() {
        functions.ecs.listingFails = true;

        JsonNode response = functions.invoke(function, sqsEvent(SweepEvents.clusterMessageBody(CLUSTER_ARN), "{\"cluster\": 7}"));

        assertThat(response.get("batchItemFailures")).extracting(failure -> failure.get("itemIdentifier").asText()).containsExactly("m0");
        List<JsonNode> lines = functions.logLines();
        assertThat(lines).anySatisfy(line -> {
            assertThat(line.get("level").asText()).isEqualTo("ERROR");
            assertThat(line.get("message").asText()).contains("ecs:ListTasks was throttled");
        });
        assertThat(lines).anySatisfy(line -> assertThat(line.path("message").asText()).startsWith("message dropped"));
    }

    @Test
    void handleRequest_whenUnreachableReadsLeaveASubjectUndetermined_reportsTheMessageForRedelivery() {
        functions.ecs.put(task(FIRST, 3, "RUNNING"));
        functions.shape = fixture -> fixture.withNetworkPathFailed(ReadFailures.unreachable("ec2:DescribeSubnets"));

        JsonNode response = functions.invoke(function, sqsEvent(SweepEvents.clusterMessageBody(CLUSTER_ARN)));

        assertThat(response.get("batchItemFailures")).extracting(failure -> failure.get("itemIdentifier").asText()).containsExactly("m0");
        assertThat(functions.findings.published()).as("the UNKNOWN findings are published").isNotEmpty();
        assertThat(functions.logLines()).anySatisfy(line -> {
            assertThat(line.path("outcome").asText()).isEqualTo("RETRY");
            assertThat(line.get("readFailures").get(0).asText()).contains("ec2:DescribeSubnets");
        });
    }

    @Test
    void handleRequest_whenADeniedReadLeavesASubjectUndetermined_acknowledgesTheMessage() {
        functions.ecs.put(task(FIRST, 3, "RUNNING"));
        functions.shape = fixture -> fixture.withNetworkPathFailed(ReadFailures.denied("ec2:DescribeSubnets", "UnauthorizedOperation"));

        JsonNode response = functions.invoke(function, sqsEvent(SweepEvents.clusterMessageBody(CLUSTER_ARN)));

        assertThat(response.get("batchItemFailures")).isEmpty();
        assertThat(functions.lastLogLine().get("unknownChecks").asInt()).isPositive();
    }

    @Test
    void handleRequest_whenTheEventIsNotFromSqs_ignoresIt() {
        JsonNode response = functions.invoke(function, "{\"source\": \"aws.events\"}");

        assertThat(response.get("batchItemFailures")).isEmpty();
        assertThat(functions.lastLogLine().get("outcome").asText()).isEqualTo("IGNORED");
    }
}
