package io.execready.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.execready.functions.local.DemoNetwork;
import io.execready.functions.local.DemoScenario;
import io.execready.functions.local.LocalCheckerRun;
import io.execready.harness.Invocation;
import io.execready.harness.SnsNotification;
import java.nio.file.Files;
import java.util.List;
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
 * The first real path through the product, as Lambda runs it: the sample events are fed through the
 * Lambda runtime interface client to the handler, which reads the local emulator through the real
 * SDK; the test then reads what reached Security Hub and SNS.
 */
@Tag("emulator")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("emulator")
class TaskStateChangeEndToEndTest {

    private static final String HANDLER = "io.execready.functions.TaskStateChangeFunction::handleRequest";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static LocalCheckerRun run;
    /** What the function printed during the last invocation. */
    private static final List<String> LAST_LOG_LINES = new java.util.ArrayList<>();

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

    /** The evaluated report of a sample event, which must be EVALUATED. */
    private static JsonNode invoke(String eventFile) throws Exception {
        JsonNode response = invokeRaw(eventFile);
        assertThat(response.get("outcome").asText()).as(response.toPrettyString()).isEqualTo("EVALUATED");
        return response.get("report");
    }

    private static JsonNode invokeRaw(String eventFile) throws Exception {
        return response(run.invoke(HANDLER, LocalCheckerRun.eventsDirectory().resolve(eventFile)));
    }

    /** The function's response; also remembers the AWS operations its log line reports. */
    private static JsonNode response(Invocation invocation) throws Exception {
        LAST_LOG_LINES.clear();
        LAST_LOG_LINES.addAll(invocation.logLines());
        return run.responseOf(invocation);
    }

    private static String status(JsonNode report, String checkId) {
        for (JsonNode check : report.get("checks")) {
            if (check.get("checkId").asText().equals(checkId)) {
                return check.get("status").asText();
            }
        }
        throw new AssertionError("no check " + checkId + " in " + report);
    }

    private static boolean aboutService(AwsSecurityFinding finding, String service) {
        return finding.productFields().getOrDefault("execready/Subject", "").equals(DemoScenario.CLUSTER_ARN + "|service:" + service);
    }

    private static Map<String, String> complianceByCheck(String service) {
        return complianceBySubject(DemoScenario.CLUSTER_ARN + "|service:" + service);
    }

    private static Map<String, String> complianceBySubject(String subjectKey) {
        return run.findingsOfSubject(subjectKey).stream()
                .collect(Collectors.toMap(AwsSecurityFinding::generatorId, f -> f.compliance().statusAsString()));
    }

    @Test
    @Order(1)
    void readyTask_producesPassedFindingsAndNoAlert() throws Exception {
        JsonNode report = invoke("task-running-exec-ready.json");

        assertThat(report.get("execReady").asBoolean()).as(report.toPrettyString()).isTrue();
        assertThat(report.get("connectCommands").get(0).asText())
                .isEqualTo("aws ecs execute-command --cluster execready-demo --task 5c3a4e8f2a9d4b7c8e1f0a2b3c4d5e6f"
                        + " --container web --interactive --command /bin/sh");
        assertThat(status(report, "task-role-ssmmessages"))
                .as("the role's aws:RequestedRegion condition is met when the region is in the simulation context")
                .isEqualTo("PASS");
        assertThat(status(report, "ssm-reachable")).as("the event's subnet routes through the demo NAT gateway").isEqualTo("PASS");
        Map<String, String> compliance = complianceByCheck(DemoScenario.READY_SERVICE);
        assertThat(compliance).containsEntry("exec-enabled", "PASSED")
                .containsEntry("managed-agent-running", "PASSED")
                .containsEntry("task-role-ssmmessages", "PASSED");
        // A recommendation not met (WARN) is FAILED at LOW or MEDIUM severity; no requirement fails.
        assertThat(run.findings()).filteredOn(f -> aboutService(f, DemoScenario.READY_SERVICE))
                .noneSatisfy(f -> assertThat(f.productFields().get("execready/Status")).isEqualTo("FAIL"));
        assertThat(run.alerts()).isEmpty();
    }

    @Test
    @Order(2)
    void notReadyTask_producesFailedFindingsWithReasonsAndExactlyOneAlert() throws Exception {
        JsonNode report = invoke("task-running-not-ready.json");

        assertThat(report.get("execReady").asBoolean()).isFalse();
        JsonNode metrics = JSON.readTree(LAST_LOG_LINES.stream().filter(l -> l.contains("\"_aws\"")).findFirst().orElseThrow());
        assertThat(metrics.get("TasksEvaluated").asInt()).isEqualTo(1);
        assertThat(metrics.get("NotReadySubjects").asInt()).isEqualTo(1);
        assertThat(metrics.get("ImportCalls").asInt()).isEqualTo(1);
        assertThat(metrics.get("_aws").get("CloudWatchMetrics").get(0).get("Namespace").asText()).isEqualTo("ExecReady");
        Map<String, String> compliance = complianceByCheck(DemoScenario.BROKEN_SERVICE);
        assertThat(compliance).containsEntry("task-role-ssmmessages", "FAILED")
                .containsEntry("writable-root-filesystem", "FAILED")
                .containsEntry("exec-enabled", "PASSED");
        AwsSecurityFinding ssm = run.findings().stream()
                .filter(f -> f.generatorId().equals("task-role-ssmmessages") && aboutService(f, DemoScenario.BROKEN_SERVICE))
                .findFirst().orElseThrow();
        assertThat(ssm.description()).contains("ssmmessages:CreateControlChannel", DemoScenario.BROKEN_ROLE);
        assertThat(ssm.findingProviderFields().severity().labelAsString()).isEqualTo("HIGH");
        assertThat(ssm.resources()).extracting(r -> r.type()).contains("AwsEcsService", "AwsEcsTask", "AwsEcsTaskDefinition", "AwsIamRole");

        List<SnsNotification> alerts = run.alerts();
        assertThat(alerts).hasSize(1);
        SnsNotification alert = alerts.getFirst();
        assertThat(alert.subject()).contains("billing-api").hasSizeLessThan(100);
        assertThat(alert.message()).contains("task-role-ssmmessages", "writable-root-filesystem", ssm.id());
        assertThat(alert.messageAttributes()).containsEntry("cluster", DemoScenario.CLUSTER).hasSizeLessThanOrEqualTo(10);
    }

    @Test
    @Order(3)
    void malformedAndForeignEvents_endCleanlyWithoutFindingsOrAlerts() throws Exception {
        int findingsBefore = run.findings().size();

        JsonNode notJson = JSON.readTree(run.invoke(HANDLER, "{\"detail-type\": ").payload());
        JsonNode foreign = JSON.readTree(run.invoke(HANDLER,
                "{\"source\":\"aws.securityhub\",\"detail-type\":\"Security Hub Findings - Imported\",\"detail\":{}}").payload());

        assertThat(notJson.get("outcome").asText()).isEqualTo("IGNORED");
        assertThat(foreign.get("outcome").asText()).isEqualTo("IGNORED");
        assertThat(run.findings()).hasSize(findingsBefore);
        assertThat(run.alerts()).hasSize(1);
    }

    @Test
    @Order(4)
    void ec2BridgeTask_isJudgedOnItsInstancesNetworkRoleAndAgent() throws Exception {
        JsonNode report = invoke("task-running-ec2-bridge.json");

        assertThat(status(report, "ssm-reachable")).as("the instance has a public IP behind the internet gateway").isEqualTo("PASS");
        assertThat(status(report, "task-role-present")).as("no task role: the instance profile's role").isEqualTo("PASS");
        assertThat(status(report, "task-role-ssmmessages")).isEqualTo("PASS");
        assertThat(status(report, "platform-version")).isEqualTo("NOT_APPLICABLE");
        assertThat(status(report, "agent-version")).isEqualTo("PASS");
        assertThat(report.get("execReady").asBoolean()).isTrue();
        assertThat(report.get("connectCommands").get(0).asText()).contains("--container worker");
        Map<String, String> compliance = complianceByCheck(DemoScenario.EC2_SERVICE);
        assertThat(compliance).containsEntry("ssm-reachable", "PASSED").containsEntry("agent-version", "PASSED");
        AwsSecurityFinding reachable = run.findings().stream()
                .filter(f -> f.generatorId().equals("ssm-reachable") && aboutService(f, DemoScenario.EC2_SERVICE))
                .findFirst().orElseThrow();
        assertThat(reachable.description()).contains("EC2 instance " + DemoNetwork.WORKER_INSTANCE_ID);
        AwsSecurityFinding agent = run.findings().stream()
                .filter(f -> f.generatorId().equals("agent-version") && aboutService(f, DemoScenario.EC2_SERVICE))
                .findFirst().orElseThrow();
        assertThat(agent.description()).contains(DemoNetwork.WORKER_AGENT_VERSION);
        assertThat(run.alerts()).as("only the broken billing-api alerted").hasSize(1);
    }

    @Test
    @Order(5)
    void ecsAnywhereTask_hasNoVpcToJudgeAndDoesNotCrash() throws Exception {
        JsonNode report = invoke("task-running-ecs-anywhere.json");

        for (String check : List.of("ssm-reachable", "ssm-endpoint-security-group", "private-endpoints-complete", "shared-vpc")) {
            assertThat(status(report, check)).as(check).isEqualTo("NOT_APPLICABLE");
        }
        assertThat(status(report, "launch-type-supported")).isEqualTo("PASS");
        assertThat(status(report, "task-role-ssmmessages")).isEqualTo("PASS");
        assertThat(status(report, "agent-version")).as("the external host's container instance is found and read").isEqualTo("PASS");
        assertThat(report.get("execReady").asBoolean()).isTrue();
        // NOT_APPLICABLE is not a finding: the network checks that do not apply are not imported.
        Map<String, String> compliance = complianceBySubject(DemoScenario.CLUSTER_ARN + "|family:" + DemoScenario.EXTERNAL_FAMILY);
        assertThat(compliance)
                .doesNotContainKeys("ssm-reachable", "ssm-endpoint-security-group", "private-endpoints-complete", "shared-vpc")
                .containsEntry("launch-type-supported", "PASSED")
                .containsEntry("agent-version", "PASSED");
        AwsSecurityFinding agent = run.findings().stream()
                .filter(f -> f.generatorId().equals("agent-version")
                        && f.productFields().get("execready/Subject").equals(DemoScenario.CLUSTER_ARN + "|family:" + DemoScenario.EXTERNAL_FAMILY))
                .findFirst().orElseThrow();
        assertThat(agent.description()).contains("ECS Anywhere instance", DemoNetwork.EXTERNAL_AGENT_VERSION);
        assertThat(run.alerts()).hasSize(1);
    }

    @Test
    @Order(5)
    void theDemosFindings_holdNoActiveNotApplicableFinding_andMapVerdictsAsSecurityHubsControlsDo() {
        List<AwsSecurityFinding> findings = run.findings();

        assertThat(findings).isNotEmpty();
        assertThat(findings).filteredOn(f -> "ACTIVE".equals(f.recordStateAsString()))
                .noneSatisfy(f -> assertThat(f.productFields().get("execready/Status")).isEqualTo("NOT_APPLICABLE"));
        assertThat(findings).allSatisfy(f -> {
            String status = f.productFields().get("execready/Status");
            String expected = switch (status) {
                case "PASS" -> "PASSED";
                case "WARN", "FAIL" -> "FAILED";
                default -> "NOT_AVAILABLE";
            };
            assertThat(f.compliance().statusAsString()).as(f.id()).isEqualTo(expected);
            assertThat(f.findingProviderFields().severity().labelAsString()).as(f.id())
                    .isEqualTo(status.equals("FAIL") ? "HIGH" : status.equals("WARN") ? f.findingProviderFields().severity().labelAsString() : "INFORMATIONAL");
            assertThat(f.findingProviderFields().types()).as(f.id()).isNotEmpty();
        });
        assertThat(findings).filteredOn(f -> "WARN".equals(f.productFields().get("execready/Status")))
                .allSatisfy(f -> assertThat(f.findingProviderFields().severity().labelAsString()).isIn("LOW", "MEDIUM"));
    }

    @Test
    @Order(6)
    void theSameEventDeliveredTwice_isDroppedAsStale() throws Exception {
        List<String> updatedBefore = run.findings().stream().map(AwsSecurityFinding::updatedAt).sorted().toList();

        JsonNode again = invokeRaw("task-running-not-ready.json");

        assertThat(again.get("outcome").asText()).isEqualTo("STALE");
        assertThat(run.findings().stream().map(AwsSecurityFinding::updatedAt).sorted().toList()).isEqualTo(updatedBefore);
        assertThat(run.alerts()).hasSize(1);
    }

    @Test
    @Order(7)
    void aStoppedTask_keepsTheFindingsOfALiveService_andArchivesThemOnceTheServiceIsDeleted() throws Exception {
        JsonNode whileLive = invokeStopped("task-running-not-ready.json", 4);
        try (EcsClient ecs = EcsClient.builder().region(Region.of(run.aws().region())).build()) {
            ecs.deleteService(r -> r.cluster(DemoScenario.CLUSTER).service(DemoScenario.BROKEN_SERVICE).force(true));
        }
        JsonNode afterDelete = invokeRaw("task-stopped.json");

        assertThat(whileLive.get("outcome").asText()).as(whileLive.toPrettyString()).isEqualTo("KEPT");
        assertThat(afterDelete.get("outcome").asText()).as(afterDelete.toPrettyString()).isEqualTo("ARCHIVED");
        assertThat(run.findings().stream().filter(f -> aboutService(f, DemoScenario.BROKEN_SERVICE)))
                .isNotEmpty().allSatisfy(f -> assertThat(f.recordStateAsString()).isEqualTo("ARCHIVED"));
        assertThat(run.findings().stream().filter(f -> aboutService(f, DemoScenario.READY_SERVICE)))
                .isNotEmpty().allSatisfy(f -> assertThat(f.recordStateAsString()).isEqualTo("ACTIVE"));
        assertThat(run.alerts()).hasSize(1);
    }

    /** The sample event's task, reported STOPPED with the given detail.version. */
    private static JsonNode invokeStopped(String eventFile, long version) throws Exception {
        ObjectNode event = (ObjectNode) JSON.readTree(Files.readString(LocalCheckerRun.eventsDirectory().resolve(eventFile)));
        ObjectNode detail = (ObjectNode) event.get("detail");
        detail.put("lastStatus", "STOPPED").put("desiredStatus", "STOPPED").put("version", version)
                .put("stoppedReason", "Task stopped by the end-to-end test");
        return response(run.invoke(HANDLER, JSON.writeValueAsString(event)));
    }

    @Test
    @Order(8)
    void everyAwsOperationTheFunctionCalled_isGrantedByTheTemplate() {
        assertThat(run.calledOperations()).as("operations recorded in the evaluation log lines").isNotEmpty();

        assertThat(run.calledOperations().stream().map(GrantedActions::actionOf).toList())
                .as("IAM actions of %s", run.calledOperations())
                .isSubsetOf(GrantedActions.inTemplate());
    }
}
