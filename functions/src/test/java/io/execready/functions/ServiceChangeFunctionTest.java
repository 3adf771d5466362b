package io.execready.functions;

import static io.execready.functions.InProcessFunctions.SERVICE;
import static io.execready.functions.InProcessFunctions.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.execready.engine.ReadFailedException;
import io.execready.engine.ServiceReport;
import io.execready.fixtures.ReadFailures;
import io.execready.fixtures.ServiceSnapshotFixture;
import io.execready.fixtures.TaskSnapshotFixture;
import io.execready.publish.AlertTransition;
import io.execready.snapshot.EcsService;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The service function in-process, through its injectable constructor, with the in-memory findings port. */
class ServiceChangeFunctionTest {

    private final InProcessFunctions functions = new InProcessFunctions();
    private final ServiceChangeFunction function = new ServiceChangeFunction(functions.components);

    @AfterEach
    void close() {
        functions.close();
    }

    private void serviceExists(boolean execEnabled) {
        EcsService service = ServiceSnapshotFixture.fargateService().withExecEnabled(execEnabled).service();
        functions.ecs.services.put(service.serviceName(), service);
    }

    private static String deployment(String eventName) {
        return event("ECS Deployment State Change", "aws.ecs", List.of(TaskSnapshotFixture.SERVICE_ARN),
                Map.of("eventName", eventName, "deploymentId", TaskSnapshotFixture.DEPLOYMENT_ID));
    }

    private static String serviceAction() {
        return event("ECS Service Action", "aws.ecs", List.of(TaskSnapshotFixture.SERVICE_ARN), Map.of("eventName", "SERVICE_STEADY_STATE"));
    }

    private static String deleteService() {
        return event("AWS API Call via CloudTrail", "aws.ecs", List.of(), Map.of(
                "eventSource", "ecs.amazonaws.com",
                "eventName", "DeleteService",
                "responseElements", Map.of("service", Map.of("serviceArn", TaskSnapshotFixture.SERVICE_ARN,
                        "serviceName", TaskSnapshotFixture.SERVICE, "clusterArn", TaskSnapshotFixture.CLUSTER_ARN))));
    }

    @Test
    void handleRequest_whenADeploymentCompletes_publishesTheServiceReport() {
        serviceExists(true);

        JsonNode response = functions.invoke(function, deployment("SERVICE_DEPLOYMENT_COMPLETED"));

        assertThat(response.get("outcome").asText()).isEqualTo("EVALUATED");
        assertThat(response.get("execReadyBeforeStart").asBoolean()).isTrue();
        assertThat(response.get("report").get("subject").asText()).isEqualTo(SERVICE.describe());
        assertThat(functions.findings.published()).singleElement().isInstanceOfSatisfying(ServiceReport.class, report -> {
            assertThat(report.subject()).isEqualTo(SERVICE);
            assertThat(report.nextTask().service().serviceName()).isEqualTo(TaskSnapshotFixture.SERVICE);
            assertThat(report.serviceChecks()).extracting(r -> r.checkId()).contains("service-exec-enabled");
        });
        assertThat(functions.lastLogLine().get("message").asText()).isEqualTo("SERVICE_DEPLOYMENT_COMPLETED: evaluated");
    }

    @Test
    void handleRequest_whenExecIsOffForTheService_failsAndAlertsOnceBeforeAnyTask() {
        serviceExists(false);

        JsonNode response = functions.invoke(function, deployment("SERVICE_DEPLOYMENT_COMPLETED"));

        assertThat(response.get("failingChecks")).extracting(JsonNode::asText).contains("service-exec-enabled");
        assertThat(response.get("transition").asText()).isEqualTo("NOT_READY");
        assertThat(functions.findings.transitions()).singleElement()
                .satisfies(t -> assertThat(t.transition().kind()).isEqualTo(AlertTransition.Kind.NOT_READY));
    }

    @Test
    void handleRequest_whenServiceActionsRepeat_evaluatesOnceAndDebouncesTheRest() {
        serviceExists(true);

        JsonNode first = functions.invoke(function, serviceAction());
        JsonNode second = functions.invoke(function, serviceAction());

        assertThat(first.get("outcome").asText()).isEqualTo("EVALUATED");
        assertThat(second.get("outcome").asText()).isEqualTo("DEBOUNCED");
        assertThat(second.get("reason").asText()).contains("was evaluated less than 5 minutes ago");
        assertThat(functions.findings.published()).hasSize(1);
    }

    @Test
    void handleRequest_whenTimedOutReadsLeaveTheServiceUndetermined_failsWithoutTakingTheDebounceSoTheRetryEvaluates() {
        serviceExists(true);
        functions.shape = fixture -> fixture.withTaskRoleFailed(ReadFailures.timedOut("iam:SimulatePrincipalPolicy"));

        assertThatThrownBy(() -> functions.invoke(function, serviceAction()))
                .isInstanceOf(ReadFailedException.class)
                .hasMessageContaining("iam:SimulatePrincipalPolicy");
        assertThat(functions.claimed).as("no debounce claim for an evaluation a retry must repeat").isEmpty();

        functions.shape = fixture -> fixture;
        JsonNode retried = functions.invoke(function, serviceAction());

        assertThat(retried.get("outcome").asText()).isEqualTo("EVALUATED");
        assertThat(retried.get("execReadyBeforeStart").asBoolean()).isTrue();
        assertThat(functions.claimed).containsExactly(SERVICE);
    }

    @Test
    void handleRequest_whenTheServiceIsDeleted_archivesItsFindings() {
        serviceExists(true);
        functions.invoke(function, deployment("SERVICE_DEPLOYMENT_COMPLETED"));

        JsonNode response = functions.invoke(function, deleteService());

        assertThat(response.get("outcome").asText()).isEqualTo("ARCHIVED");
        assertThat(response.get("summary").asText()).startsWith("archived: DeleteService of service payments-api");
        assertThat(response.get("findingsImported").asInt()).as("every finding re-imported as ARCHIVED").isPositive();
        assertThat(functions.findings.archived()).containsExactly(SERVICE);
    }

    @Test
    void handleRequest_whenTheServiceDoesNotExist_evaluatesNothing() {
        JsonNode response = functions.invoke(function, deployment("SERVICE_DEPLOYMENT_FAILED"));

        assertThat(response.get("outcome").asText()).isEqualTo("NOT_EVALUATED");
        assertThat(functions.findings.published()).isEmpty();
    }

    @Test
    void handleRequest_whenADeploymentIsStillInProgress_skipsIt() {
        JsonNode response = functions.invoke(function, deployment("SERVICE_DEPLOYMENT_IN_PROGRESS"));

        assertThat(response.get("outcome").asText()).isEqualTo("SKIPPED");
        assertThat(functions.findings.published()).isEmpty();
    }

    @Test
    void handleRequest_whenThePayloadIsNotJson_ignoresIt() {
        JsonNode response = functions.invoke(function, "not json");

        assertThat(response.get("outcome").asText()).isEqualTo("IGNORED");
        assertThat(functions.lastLogLine().get("level").asText()).isEqualTo("WARN");
    }
}
