package io.execready.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.execready.functions.local.DemoScenario;
import io.execready.functions.local.LocalCheckerRun;
import io.execready.harness.Invocation;
import io.execready.publish.AsffFindingCodec;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;

/** The on-demand function through the Lambda runtime, fed with the request files in events/. */
@Tag("emulator")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("emulator")
class OnDemandCheckEndToEndTest {

    private static final String HANDLER = "io.execready.functions.OnDemandCheckFunction::handleRequest";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static LocalCheckerRun run;
    private static String brokenTaskArn;
    private static final List<String> LOG_LINES = new ArrayList<>();

    @BeforeAll
    static void start() {
        run = LocalCheckerRun.start(System.getProperty("java.class.path"));
        Region region = Region.of(run.aws().region());
        DemoScenario.runServiceTask(region, run.seeded(), DemoScenario.READY_SERVICE);
        DemoScenario.runServiceTask(region, run.seeded(), DemoScenario.READY_SERVICE);
        brokenTaskArn = DemoScenario.runServiceTask(region, run.seeded(), DemoScenario.BROKEN_SERVICE);
    }

    @AfterAll
    static void stop() {
        if (run != null) {
            run.close();
        }
    }

    private static JsonNode invokeFile(String file) throws Exception {
        return response(run.invoke(HANDLER, LocalCheckerRun.eventsDirectory().resolve(file)));
    }

    private static JsonNode response(Invocation invocation) throws Exception {
        LOG_LINES.clear();
        LOG_LINES.addAll(invocation.logLines());
        return run.responseOf(invocation);
    }

    private static JsonNode checkOf(JsonNode report, String checkId) {
        for (JsonNode check : report.get("checks")) {
            if (check.get("checkId").asText().equals(checkId)) {
                return check;
            }
        }
        throw new AssertionError("no " + checkId + " in " + report);
    }

    @Test
    @Order(1)
    void serviceRequest_reportsEveryRunningTaskOfTheServiceWithEveryCheck() throws Exception {
        JsonNode response = invokeFile("on-demand-service.json");

        assertThat(response.get("outcome").asText()).isEqualTo("EVALUATED");
        JsonNode service = response.get("serviceReport");
        assertThat(service.get("subject").asText()).isEqualTo("service web in cluster execready-demo");
        assertThat(checkOf(service, "service-exec-enabled").get("status").asText()).isEqualTo("PASS");
        assertThat(checkOf(service, "task-role-ssmmessages").get("message").asText()).contains("the next task of service web");
        assertThat(response.get("tasksEvaluated").asInt()).isEqualTo(2);
        assertThat(response.get("execReady").asInt()).isEqualTo(2);
        for (JsonNode report : response.get("reports")) {
            assertThat(report.get("subject").asText()).isEqualTo("service web in cluster execready-demo");
            assertThat(report.get("checks")).hasSizeGreaterThanOrEqualTo(14);
            assertThat(checkOf(report, "task-role-ssmmessages").get("status").asText()).isEqualTo("PASS");
            assertThat(report.get("connectCommands").get(0).asText()).startsWith("aws ecs execute-command --cluster execready-demo --task ")
                    .endsWith("--container web --interactive --command /bin/sh");
        }
        String evaluationLine = LOG_LINES.stream().filter(l -> l.contains("\"awsCalls\"")).findFirst().orElseThrow();
        assertThat(JSON.readTree(evaluationLine).get("awsCalls").get("Ecs:DescribeTaskDefinition").asInt())
                .as("two tasks of one service share one task definition read").isEqualTo(1);
    }

    @Test
    @Order(2)
    void clusterRequest_reportsEveryTaskAndPublishesNothing() throws Exception {
        JsonNode response = invokeFile("on-demand-cluster.json");

        assertThat(response.get("tasksEvaluated").asInt()).isEqualTo(3);
        assertThat(response.get("notReady").asInt()).isEqualTo(1);
        assertThat(response.get("published").asBoolean()).isFalse();
        JsonNode broken = null;
        for (JsonNode report : response.get("reports")) {
            if (report.get("taskArn").asText().equals(brokenTaskArn)) {
                broken = report;
            }
        }
        assertThat(broken).isNotNull();
        JsonNode ssm = checkOf(broken, "task-role-ssmmessages");
        assertThat(ssm.get("status").asText()).isEqualTo("FAIL");
        assertThat(ssm.get("remediation").asText()).contains("aws iam put-role-policy");
        assertThat(broken.get("connectCommands")).isEmpty();
        assertThat(run.findings()).isEmpty();
        assertThat(run.alerts()).isEmpty();
    }

    @Test
    @Order(3)
    void taskRequestForMissingTask_saysItWasNotFound() throws Exception {
        JsonNode response = invokeFile("on-demand-task.json");

        assertThat(response.get("tasksEvaluated").asInt()).isZero();
        assertThat(response.get("notEvaluated").get(0).asText()).contains("0f0e0d0c0b0a49089f8e7d6c5b4a3921", "not found");
    }

    @Test
    @Order(4)
    void taskRequestWithPublish_importsFindingsAndAlerts() throws Exception {
        JsonNode response = response(run.invoke(HANDLER,
                "{\"cluster\":\"" + DemoScenario.CLUSTER_ARN + "\",\"task\":\"" + brokenTaskArn + "\",\"publish\":true}"));

        assertThat(response.get("tasksEvaluated").asInt()).isEqualTo(1);
        assertThat(run.findings()).isNotEmpty()
                .allSatisfy(f -> assertThat(f.productFields().get("execready/Subject")).endsWith("|service:" + DemoScenario.BROKEN_SERVICE));
        assertThat(run.alerts()).hasSize(1);
    }

    @Test
    @Order(5)
    void invalidRequests_areRejectedWithTheProblemNamed() throws Exception {
        JsonNode noCluster = response(run.invoke(HANDLER, "{\"task\":\"abc\"}"));
        JsonNode both = response(run.invoke(HANDLER, "{\"cluster\":\"c\",\"task\":\"t\",\"service\":\"s\"}"));
        JsonNode notJson = response(run.invoke(HANDLER, "cluster=prod"));

        assertThat(noCluster.get("outcome").asText()).isEqualTo("REJECTED");
        assertThat(noCluster.get("problems").get(0).asText()).contains("\"cluster\" is required");
        assertThat(both.get("problems").get(0).asText()).contains("not both");
        assertThat(notJson.get("problems").get(0).asText()).contains("not JSON");
    }

    @Test
    @Order(6)
    void recheckCustomAction_fromSecurityHub_evaluatesTheSelectedSubjectAgainAndPublishes() throws Exception {
        String subject = DemoScenario.CLUSTER_ARN + "|service:" + DemoScenario.BROKEN_SERVICE;
        List<AwsSecurityFinding> before = run.findingsOfSubject(subject);
        assertThat(before).extracting(AwsSecurityFinding::generatorId).doesNotContain("service-exec-enabled");

        JsonNode response = invokeFile("securityhub-recheck.json");

        assertThat(response.get("outcome").asText()).isEqualTo("RECHECKED");
        assertThat(response.get("action").asText()).isEqualTo("Re-check ECS Exec");
        assertThat(response.get("subjects")).singleElement().satisfies(checked -> {
            assertThat(checked.get("service").asText()).isEqualTo(DemoScenario.BROKEN_SERVICE);
            assertThat(checked.get("published").asBoolean()).isTrue();
            assertThat(checked.get("tasksEvaluated").asInt()).isEqualTo(1);
            assertThat(checked.get("serviceReport").get("subject").asText()).isEqualTo("service billing-api in cluster execready-demo");
        });
        assertThat(response.get("skipped")).singleElement().satisfies(s -> assertThat(s.asText()).contains("not an ExecReady finding"));
        // The service's own verdict (its checks and the preflight of its next task) is published now too.
        List<AwsSecurityFinding> after = run.findingsOfSubject(subject);
        assertThat(after).extracting(AwsSecurityFinding::generatorId).contains("service-exec-enabled", "task-role-ssmmessages");
        assertThat(after).allSatisfy(f -> assertThat(f.recordStateAsString()).isEqualTo("ACTIVE"));
    }

    @Test
    @Order(7)
    void recheckCustomAction_withTheImportedFindingsThemselves_roundTrips() throws Exception {
        String subject = DemoScenario.CLUSTER_ARN + "|service:" + DemoScenario.READY_SERVICE;
        response(run.invoke(HANDLER, "{\"cluster\":\"" + DemoScenario.CLUSTER + "\",\"service\":\"" + DemoScenario.READY_SERVICE
                + "\",\"publish\":true}"));
        List<AwsSecurityFinding> selected = run.findingsOfSubject(subject);
        assertThat(selected).isNotEmpty();
        ObjectNode event = (ObjectNode) JSON.readTree(Files.readString(LocalCheckerRun.eventsDirectory().resolve("securityhub-recheck.json")));
        ArrayNode findings = ((ObjectNode) event.get("detail")).putArray("findings");
        selected.forEach(finding -> findings.add(AsffFindingCodec.json(finding)));

        JsonNode response = response(run.invoke(HANDLER, JSON.writeValueAsString(event)));

        assertThat(response.get("outcome").asText()).isEqualTo("RECHECKED");
        assertThat(response.get("skipped")).isEmpty();
        assertThat(response.get("subjects")).singleElement().satisfies(checked -> {
            assertThat(checked.get("service").asText()).isEqualTo(DemoScenario.READY_SERVICE);
            assertThat(checked.get("tasksEvaluated").asInt()).isEqualTo(2);
            assertThat(checked.get("execReady").asInt()).isEqualTo(2);
        });
        assertThat(LOG_LINES).anySatisfy(line -> assertThat(line).contains("\"outcome\":\"RECHECKED\""));
    }
}
