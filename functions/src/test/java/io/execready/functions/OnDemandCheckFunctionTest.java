package io.execready.functions;

import static io.execready.functions.InProcessFunctions.task;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.execready.engine.ServiceReport;
import io.execready.engine.TaskReport;
import io.execready.fixtures.ServiceSnapshotFixture;
import io.execready.fixtures.TaskSnapshotFixture;
import io.execready.snapshot.EcsService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The on-demand function in-process, through its injectable constructor, with the in-memory findings port. */
class OnDemandCheckFunctionTest {

    private static final String FIRST = "0123456789abcdef0123456789abcdef";
    private static final String SECOND = "fedcba9876543210fedcba9876543210";

    private final InProcessFunctions functions = new InProcessFunctions();
    private final OnDemandCheckFunction function = new OnDemandCheckFunction(functions.components);

    @AfterEach
    void close() {
        functions.close();
    }

    @Test
    void handleRequest_forOneTask_reportsItAndPublishesNothing() {
        functions.ecs.put(task(FIRST, 3, "RUNNING"));

        JsonNode response = functions.invoke(function, "{\"cluster\": \"prod\", \"task\": \"" + FIRST + "\"}");

        assertThat(response.get("outcome").asText()).isEqualTo("EVALUATED");
        assertThat(response.get("published").asBoolean()).isFalse();
        assertThat(response.get("tasksEvaluated").asInt()).isEqualTo(1);
        assertThat(response.get("reports").get(0).get("execReady").asBoolean()).isTrue();
        assertThat(response.get("reports").get(0).get("connectCommands").get(0).asText()).contains("--task " + FIRST);
        assertThat(response.has("serviceReport")).isFalse();
        assertThat(functions.findings.published()).isEmpty();
        assertThat(functions.lastLogLine().get("message").asText()).isEqualTo("on-demand check evaluated 1 task(s)");
    }

    @Test
    void handleRequest_forAServiceWithPublish_publishesTheServiceReportAndEachTask() {
        EcsService service = ServiceSnapshotFixture.fargateService().service();
        functions.ecs.services.put(service.serviceName(), service);
        functions.ecs.put(task(FIRST, 3, "RUNNING"));
        functions.ecs.put(task(SECOND, 3, "RUNNING"));

        JsonNode response = functions.invoke(function,
                "{\"cluster\": \"prod\", \"service\": \"" + TaskSnapshotFixture.SERVICE + "\", \"publish\": true}");

        assertThat(response.get("serviceReport").get("subject").asText()).isEqualTo(InProcessFunctions.SERVICE.describe());
        assertThat(response.get("tasksEvaluated").asInt()).isEqualTo(2);
        assertThat(functions.findings.published()).hasSize(3);
        assertThat(functions.findings.published()).filteredOn(ServiceReport.class::isInstance).hasSize(1);
        assertThat(functions.findings.published()).filteredOn(TaskReport.class::isInstance).hasSize(2);
    }

    @Test
    void handleRequest_forAServiceThatDoesNotExist_saysSoInItsServiceReport() {
        JsonNode response = functions.invoke(function, "{\"cluster\": \"prod\", \"service\": \"gone\"}");

        assertThat(response.get("serviceReport").get("outcome").asText()).isEqualTo("NOT_EVALUATED");
        assertThat(response.get("serviceReport").get("reason").asText()).contains("gone");
        assertThat(response.get("tasksEvaluated").asInt()).isZero();
    }

    @Test
    void handleRequest_whenTheRequestIsInvalid_rejectsItWithEveryProblem() {
        JsonNode response = functions.invoke(function, "{\"task\": 7, \"publish\": \"yes\"}");

        assertThat(response.get("outcome").asText()).isEqualTo("REJECTED");
        assertThat(response.get("problems")).hasSizeGreaterThanOrEqualTo(2);
        assertThat(functions.lastLogLine().get("level").asText()).isEqualTo("WARN");
    }

    @Test
    void handleRequest_withPublish_whenPublishingIsTurnedOff_isRejectedAndPublishesNothing() {
        OnDemandCheckFunction locked = new OnDemandCheckFunction(functions.components, false);

        JsonNode response = functions.invoke(locked,
                "{\"cluster\": \"prod\", \"service\": \"" + TaskSnapshotFixture.SERVICE + "\", \"publish\": true}");

        assertThat(response.toString()).contains("ON_DEMAND_PUBLISHING");
        assertThat(functions.findings.published()).isEmpty();
    }

    @Test
    void handleRequest_forTheRecheckCustomAction_evaluatesEachSelectedSubjectOnceAndPublishes() {
        EcsService service = ServiceSnapshotFixture.fargateService().service();
        functions.ecs.services.put(service.serviceName(), service);
        functions.ecs.put(task(FIRST, 3, "RUNNING"));
        String subject = InProcessFunctions.SERVICE.key();

        JsonNode response = functions.invoke(function, customAction(
                finding("a", subject), finding("b", subject),
                finding("c", TaskSnapshotFixture.CLUSTER_ARN + "|family:nightly"),
                finding("d", TaskSnapshotFixture.CLUSTER_ARN + "|custom-group"),
                finding("e", "arn:aws:ecs:us-west-2:123456789012:cluster/other|service:x"),
                "{\"Id\": \"f\", \"ProductFields\": {\"ControlId\": \"ECS.1\"}}"));

        assertThat(response.get("outcome").asText()).isEqualTo("RECHECKED");
        assertThat(response.get("subjects")).hasSize(2);
        assertThat(response.get("subjects").get(0).get("service").asText()).isEqualTo(TaskSnapshotFixture.SERVICE);
        assertThat(response.get("subjects").get(0).get("published").asBoolean()).isTrue();
        assertThat(response.get("skipped")).extracting(JsonNode::asText).hasSize(3)
                .anySatisfy(s -> assertThat(s).contains("custom-group", "service or family only"))
                .anySatisfy(s -> assertThat(s).startsWith("e: ").contains("not in eu-west-1"))
                .anySatisfy(s -> assertThat(s).startsWith("f: ").contains("not an ExecReady finding"));
        // The service once (its own report and its one task), whatever number of its findings were selected.
        assertThat(functions.findings.published()).hasSize(2);
        assertThat(functions.findings.published()).filteredOn(r -> r instanceof ServiceReport).hasSize(1);
    }

    private static String finding(String id, String subjectKey) {
        return "{\"Id\": \"" + id + "\", \"ProductFields\": {\"execready/Subject\": \"" + subjectKey + "\"}}";
    }

    private static String customAction(String... findings) {
        return "{\"version\": \"0\", \"id\": \"e1\", \"detail-type\": \"Security Hub Findings - Custom Action\", \"source\": \"aws.securityhub\","
                + " \"account\": \"123456789012\", \"region\": \"eu-west-1\","
                + " \"resources\": [\"arn:aws:securityhub:eu-west-1:123456789012:action/custom/ExecReadyRecheck\"],"
                + " \"detail\": {\"actionName\": \"Re-check ECS Exec\", \"findings\": [" + String.join(", ", findings) + "]}}";
    }
}
