package io.execready.functions;

import static io.execready.functions.InProcessFunctions.SERVICE;
import static io.execready.functions.InProcessFunctions.task;
import static io.execready.functions.InProcessFunctions.taskEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.execready.checks.CheckRegistry;
import io.execready.engine.ReadFailedException;
import io.execready.engine.Readiness;
import io.execready.fixtures.ContainerFixture;
import io.execready.fixtures.ReadFailures;
import io.execready.fixtures.ServiceSnapshotFixture;
import io.execready.fixtures.TaskSnapshotFixture;
import io.execready.publish.AlertTransition;
import io.execready.snapshot.EcsTask;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The task-event function in-process, through its injectable constructor, with the in-memory findings port. */
class TaskStateChangeFunctionTest {

    private static final String FIRST = "0123456789abcdef0123456789abcdef";
    private static final String SECOND = "fedcba9876543210fedcba9876543210";

    private final InProcessFunctions functions = new InProcessFunctions();
    private final TaskStateChangeFunction function = new TaskStateChangeFunction(functions.components);

    @AfterEach
    void close() {
        functions.close();
    }

    @Test
    void handleRequest_whenARunningTaskIsReady_publishesItsReportAndLogsOneLineWithMetrics() {
        JsonNode response = functions.invoke(function, taskEvent(task(FIRST, 3, "RUNNING")));

        assertThat(response.get("outcome").asText()).isEqualTo("EVALUATED");
        assertThat(response.get("report").get("execReady").asBoolean()).isTrue();
        // Every verdict but NOT_APPLICABLE, which is not a finding.
        assertThat(response.get("report").get("checks")).hasSize(CheckRegistry.all().size());
        assertThat(response.get("findingsImported").asInt()).isEqualTo(importedVerdicts(response.get("report"))).isPositive();
        assertThat(response.has("transition")).as("a ready subject makes no transition").isFalse();
        assertThat(functions.findings.published()).singleElement().satisfies(report -> assertThat(report.subject()).isEqualTo(SERVICE));
        JsonNode line = functions.lastLogLine();
        assertThat(line.get("message").asText()).isEqualTo("ECS Exec ready");
        assertThat(line.get("outcome").asText()).isEqualTo("EVALUATED");
        assertThat(line.get("awsCallCount").asLong()).isZero();
        JsonNode metrics = functions.lastMetricLine();
        assertThat(metrics.get("TasksEvaluated").asInt()).isEqualTo(1);
        assertThat(metrics.get("NotReadySubjects").asInt()).isZero();
    }

    @Test
    void handleRequest_whenTwoTasksOfABrokenServiceRun_alertsOnceAndImportsOnce() {
        functions.shape = fixture -> fixture.withContainer(ContainerFixture.container("app").withReadOnlyRoot());

        JsonNode first = functions.invoke(function, taskEvent(task(FIRST, 3, "RUNNING")));
        JsonNode second = functions.invoke(function, taskEvent(task(SECOND, 3, "RUNNING")));

        assertThat(first.get("transition").asText()).isEqualTo("NOT_READY");
        assertThat(first.get("alertMessageId").asText()).isNotBlank();
        assertThat(second.has("transition")).isFalse();
        assertThat(second.get("findingsImported").asInt()).as("the same verdict on another task").isZero();
        assertThat(functions.findings.transitions()).singleElement().satisfies(t -> {
            assertThat(t.transition().kind()).isEqualTo(AlertTransition.Kind.NOT_READY);
            assertThat(t.messageIds()).containsExactly(first.get("alertMessageId").asText());
        });
        assertThat(functions.lastLogLine().get("message").asText()).isEqualTo("ECS Exec NOT ready");
    }

    @Test
    void handleRequest_whenABrokenServiceIsFixed_announcesReadyAgainOnce() {
        functions.shape = fixture -> fixture.withContainer(ContainerFixture.container("app").withReadOnlyRoot());
        functions.invoke(function, taskEvent(task(FIRST, 3, "RUNNING")));
        functions.shape = fixture -> fixture;

        JsonNode fixed = functions.invoke(function, taskEvent(task(SECOND, 3, "RUNNING")));
        JsonNode stillFixed = functions.invoke(function, taskEvent(task(FIRST, 4, "RUNNING")));

        assertThat(fixed.get("transition").asText()).isEqualTo("READY_AGAIN");
        assertThat(stillFixed.has("transition")).isFalse();
        assertThat(functions.findings.transitions()).extracting(t -> t.transition().kind())
                .containsExactly(AlertTransition.Kind.NOT_READY, AlertTransition.Kind.READY_AGAIN);
        assertThat(functions.lastMetricLine().get("NotReadySubjects").asInt()).isZero();
    }

    @Test
    void handleRequest_whenTheSameVersionArrivesAgain_dropsItAsStale() {
        functions.invoke(function, taskEvent(task(FIRST, 3, "RUNNING")));

        JsonNode again = functions.invoke(function, taskEvent(task(FIRST, 3, "RUNNING")));
        JsonNode older = functions.invoke(function, taskEvent(task(FIRST, 2, "RUNNING")));

        assertThat(again.get("outcome").asText()).isEqualTo("STALE");
        assertThat(older.get("outcome").asText()).isEqualTo("STALE");
        assertThat(functions.findings.published()).hasSize(1);
    }

    @Test
    void handleRequest_whenATaskOfAnOlderDeploymentRuns_publishesNothing() {
        EcsTask old = TaskSnapshotFixture.runningFargateTask()
                .withTaskId(FIRST).withVersion(3L).withStartedBy("ecs-svc/1111111111111111111").build().task();

        JsonNode response = functions.invoke(function, taskEvent(old));

        assertThat(response.get("outcome").asText()).isEqualTo("EVIDENCE_ONLY");
        assertThat(response.get("publishReason").asText()).contains("ecs-svc/1111111111111111111");
        assertThat(functions.findings.published()).isEmpty();
    }

    @Test
    void handleRequest_whenTheTaskIsPending_skipsIt() {
        JsonNode response = functions.invoke(function, taskEvent(task(FIRST, 1, "PENDING")));

        assertThat(response.get("outcome").asText()).isEqualTo("SKIPPED");
        assertThat(functions.findings.published()).isEmpty();
    }

    @Test
    void handleRequest_whenThePayloadIsNotATaskEvent_ignoresItWithAWarning() {
        JsonNode response = functions.invoke(function, "{\"source\":\"aws.s3\"}");

        assertThat(response.get("outcome").asText()).isEqualTo("IGNORED");
        assertThat(response.get("reason").asText()).contains("aws.ecs");
        assertThat(functions.lastLogLine().get("level").asText()).isEqualTo("WARN");
    }

    @Test
    void handleRequest_whenTheLastTaskOfADeletedServiceStops_archivesItsFindings() {
        JsonNode running = functions.invoke(function, taskEvent(task(FIRST, 3, "RUNNING")));

        JsonNode response = functions.invoke(function, taskEvent(task(FIRST, 5, "STOPPED")));

        assertThat(response.get("outcome").asText()).isEqualTo("ARCHIVED");
        assertThat(response.get("findingsArchived").asInt()).isEqualTo(importedVerdicts(running.get("report")));
        assertThat(response.get("reason").asText()).contains("does not exist");
        assertThat(functions.findings.archived()).containsExactly(SERVICE);
        assertThat(functions.findings.hasLiveFindings(SERVICE)).isFalse();
    }

    @Test
    void handleRequest_whenATaskOfALiveServiceStops_keepsItsFindings() {
        functions.ecs.services.put(ServiceSnapshotFixture.fargateService().service().serviceName(),
                ServiceSnapshotFixture.fargateService().service());
        functions.invoke(function, taskEvent(task(FIRST, 3, "RUNNING")));

        JsonNode response = functions.invoke(function, taskEvent(task(FIRST, 5, "STOPPED")));

        assertThat(response.get("outcome").asText()).isEqualTo("KEPT");
        assertThat(response.get("findingsArchived").asInt()).isZero();
        assertThat(functions.findings.archived()).isEmpty();
    }

    @Test
    void handleRequest_whenATaskOfASubjectNobodyPublishedStops_keepsItWithoutReadingEcs() {
        JsonNode response = functions.invoke(function, taskEvent(task(FIRST, 5, "STOPPED")));

        assertThat(response.get("outcome").asText()).isEqualTo("KEPT");
        assertThat(response.get("reason").asText()).startsWith("nothing was published");
    }

    @Test
    void handleRequest_whenThrottledReadsLeaveTheServiceUndetermined_failsTheInvocationAndTheReplayAlertsOnce() {
        // The task has no route out, so ssm-reachable FAILs once the network can be read.
        functions.shape = fixture -> fixture.withNetwork(n -> n.withoutRouteOut())
                .withNetworkPathFailed(ReadFailures.throttled("ec2:DescribeSubnets"));
        String event = taskEvent(task(FIRST, 3, "RUNNING"));

        assertThatThrownBy(() -> functions.invoke(function, event))
                .isInstanceOf(ReadFailedException.class)
                .hasMessageContaining("ec2:DescribeSubnets");

        assertThat(functions.findings.published()).as("the UNKNOWN findings are safe to publish").singleElement()
                .satisfies(report -> assertThat(report.readiness()).isEqualTo(Readiness.UNDETERMINED));
        assertThat(functions.findings.transitions()).as("a throttle moves no alert state").isEmpty();
        JsonNode retry = functions.lastLogLine();
        assertThat(retry.get("outcome").asText()).isEqualTo("RETRY");
        assertThat(retry.get("readFailures").get(0).asText()).contains("ec2:DescribeSubnets", "throttled");

        functions.shape = fixture -> fixture.withNetwork(n -> n.withoutRouteOut());
        JsonNode replayed = functions.invoke(function, event);

        assertThat(replayed.get("outcome").asText()).isEqualTo("EVALUATED");
        assertThat(replayed.get("transition").asText()).isEqualTo("NOT_READY");
        assertThat(functions.findings.transitions()).singleElement()
                .satisfies(t -> assertThat(t.transition().kind()).isEqualTo(AlertTransition.Kind.NOT_READY));
    }

    @Test
    void handleRequest_whenADeniedReadLeavesTheServiceUndetermined_endsNormally() {
        functions.shape = fixture -> fixture.withNetworkPathFailed(ReadFailures.denied("ec2:DescribeSubnets", "UnauthorizedOperation"));

        JsonNode response = functions.invoke(function, taskEvent(task(FIRST, 3, "RUNNING")));

        assertThat(response.get("outcome").asText()).as("a retry cannot grant a permission").isEqualTo("EVALUATED");
        assertThat(response.get("report").get("execReady").asBoolean()).isFalse();
        assertThat(functions.lastLogLine().get("readiness").asText()).isEqualTo("UNDETERMINED");
        assertThat(functions.findings.transitions()).isEmpty();
    }

    private static int importedVerdicts(JsonNode report) {
        int imported = 0;
        for (JsonNode check : report.get("checks")) {
            imported += "NOT_APPLICABLE".equals(check.get("status").asText()) ? 0 : 1;
        }
        return imported;
    }
}
