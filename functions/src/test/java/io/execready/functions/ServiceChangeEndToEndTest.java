package io.execready.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.execready.functions.local.DemoScenario;
import io.execready.functions.local.LocalCheckerRun;
import io.execready.harness.Invocation;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;

/**
 * The service events in {@code events/} fed through the Lambda runtime interface client to
 * ServiceChangeFunction against the local emulator, before any task event: what reaches Security Hub.
 */
@Tag("emulator")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("emulator")
class ServiceChangeEndToEndTest {

    private static final String HANDLER = "io.execready.functions.ServiceChangeFunction::handleRequest";
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

    private static JsonNode invoke(String eventFile) throws Exception {
        return response(run.invoke(HANDLER, LocalCheckerRun.eventsDirectory().resolve(eventFile)));
    }

    private static JsonNode response(Invocation invocation) throws Exception {
        return run.responseOf(invocation);
    }

    private static Map<String, AwsSecurityFinding> findingsByCheck(String service) {
        return run.findingsOfSubject(DemoScenario.CLUSTER_ARN + "|service:" + service).stream()
                .collect(Collectors.toMap(AwsSecurityFinding::generatorId, f -> f));
    }

    private static Map<String, String> complianceByCheck(String service) {
        return findingsByCheck(service).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().compliance().statusAsString()));
    }

    @Test
    @Order(1)
    void deploymentCompleted_ofAReadyService_publishesPassedPreflightAndServiceFindings() throws Exception {
        JsonNode response = invoke("deployment-completed.json");

        assertThat(response.get("outcome").asText()).as(response.toPrettyString()).isEqualTo("EVALUATED");
        Map<String, String> compliance = complianceByCheck(DemoScenario.READY_SERVICE);
        assertThat(compliance).containsEntry("service-exec-enabled", "PASSED")
                .containsEntry("service-tasks-current", "PASSED")
                .containsEntry("task-role-ssmmessages", "PASSED")
                .containsEntry("ssm-reachable", "PASSED")
                .doesNotContainKeys("task-running", "exec-enabled", "managed-agent-running", "agent-version");
        // WARN (a recommendation not met) is FAILED at LOW or MEDIUM; no requirement fails.
        assertThat(findingsByCheck(DemoScenario.READY_SERVICE).values())
                .noneSatisfy(f -> assertThat(f.productFields().get("execready/Status")).isEqualTo("FAIL"));
        assertThat(findingsByCheck(DemoScenario.READY_SERVICE).get("task-role-ssmmessages").description())
                .contains("the next task of service web")
                .doesNotContain("task next-task-of");
        assertThat(run.alerts()).isEmpty();
    }

    @Test
    @Order(2)
    void serviceAction_rightAfterAnEvaluation_isDebounced() throws Exception {
        JsonNode response = invoke("service-action-steady-state.json");

        assertThat(response.get("outcome").asText()).as(response.toPrettyString()).isEqualTo("DEBOUNCED");
    }

    @Test
    @Order(3)
    void updateService_ofABrokenService_reportsItBeforeItsFirstTask() throws Exception {
        JsonNode response = invoke("cloudtrail-update-service.json");

        assertThat(response.get("outcome").asText()).as(response.toPrettyString()).isEqualTo("EVALUATED");
        assertThat(complianceByCheck(DemoScenario.BROKEN_SERVICE))
                .containsEntry("task-role-ssmmessages", "FAILED")
                .containsEntry("writable-root-filesystem", "FAILED")
                .containsEntry("service-exec-enabled", "PASSED")
                .doesNotContainKey("task-running");
        assertThat(run.alerts()).hasSize(1);
        assertThat(run.alerts().getFirst().message()).contains(DemoScenario.BROKEN_SERVICE);
    }

    @Test
    @Order(4)
    void createService_withEcsExecOff_failsServiceExecEnabled() throws Exception {
        try (EcsClient ecs = EcsClient.builder().region(Region.of(run.aws().region())).build()) {
            ecs.updateService(r -> r.cluster(DemoScenario.CLUSTER).service(DemoScenario.READY_SERVICE).enableExecuteCommand(false));
        }

        JsonNode response = invoke("cloudtrail-create-service.json");

        assertThat(response.get("outcome").asText()).as(response.toPrettyString()).isEqualTo("EVALUATED");
        assertThat(complianceByCheck(DemoScenario.READY_SERVICE))
                .containsEntry("service-exec-enabled", "FAILED");
        // With ECS Exec off, whether tasks are current does not apply: its earlier PASSED finding is archived.
        assertThat(findingsByCheck(DemoScenario.READY_SERVICE).get("service-tasks-current").recordStateAsString()).isEqualTo("ARCHIVED");
        assertThat(findingsByCheck(DemoScenario.READY_SERVICE).get("service-exec-enabled").remediation().recommendation().text())
                .contains("aws ecs update-service --cluster execready-demo --service web --enable-execute-command --force-new-deployment");
    }

    @Test
    @Order(5)
    void deleteService_archivesTheServiceFindings() throws Exception {
        JsonNode response = invoke("cloudtrail-delete-service.json");

        assertThat(response.get("outcome").asText()).as(response.toPrettyString()).isEqualTo("ARCHIVED");
        assertThat(findingsByCheck(DemoScenario.BROKEN_SERVICE).values())
                .isNotEmpty().allSatisfy(f -> assertThat(f.recordStateAsString()).isEqualTo("ARCHIVED"));
        assertThat(findingsByCheck(DemoScenario.READY_SERVICE)).isNotEmpty().allSatisfy((checkId, f) -> assertThat(f.recordStateAsString())
                .isEqualTo(checkId.equals("service-tasks-current") ? "ARCHIVED" : "ACTIVE"));
    }

    @Test
    @Order(6)
    void malformedEvent_endsCleanlyAsIgnored() throws Exception {
        JsonNode response = response(run.invoke(HANDLER, "{\"source\":\"aws.ecs\",\"detail-type\":\"ECS Service Action\",\"detail\":"));

        assertThat(response.get("outcome").asText()).isEqualTo("IGNORED");
    }

    @Test
    @Order(7)
    void everyAwsOperationTheFunctionCalled_isGrantedByTheTemplate() {
        assertThat(run.calledOperations()).isNotEmpty();
        assertThat(run.calledOperations().stream().map(GrantedActions::actionOf).toList()).as("IAM actions of %s", run.calledOperations()).isSubsetOf(GrantedActions.inTemplate());
    }
}
