package io.execready.functions.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.execready.functions.events.TaskStateChangeParser.Accepted;
import io.execready.functions.events.TaskStateChangeParser.Parsed;
import io.execready.functions.events.TaskStateChangeParser.Rejected;
import io.execready.functions.local.DemoNetwork;
import io.execready.snapshot.EcsTask;
import io.execready.snapshot.TaskContainer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TaskStateChangeParserTest {

    private final TaskStateChangeParser parser = new TaskStateChangeParser();

    static byte[] sampleEvent(String name) throws IOException {
        return Files.readAllBytes(Path.of("..", "events", name));
    }

    private Parsed parse(String json) {
        return parser.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void parse_whenSampleReadyEvent_readsExecFieldsAndKeepsSidecarWithoutAgents() throws IOException {
        Parsed parsed = parser.parse(sampleEvent("task-running-exec-ready.json"));

        assertThat(parsed).isInstanceOf(Accepted.class);
        Accepted accepted = (Accepted) parsed;
        EcsTask task = accepted.task();
        assertThat(accepted.envelope().getDetailType()).isEqualTo("ECS Task State Change");
        assertThat(accepted.envelope().getTime()).isNotNull();
        assertThat(task.enableExecuteCommand()).isTrue();
        assertThat(task.platformVersion()).isEqualTo("1.4.0");
        assertThat(task.version()).isEqualTo(3L);
        assertThat(task.serviceName()).contains("web");
        assertThat(task.networkInterface()).hasValueSatisfying(eni ->
                assertThat(eni.details()).containsEntry("subnetId", DemoNetwork.PRIVATE_SUBNET_ID));
        TaskContainer web = task.containers().get(0);
        assertThat(web.executeCommandAgent()).hasValueSatisfying(agent -> assertThat(agent.status()).isEqualTo("RUNNING"));
        TaskContainer guardDuty = task.containers().get(1);
        assertThat(guardDuty.managedAgents()).as("a sidecar without managedAgents stays distinguishable").isNull();
    }

    @Test
    void parse_whenAgentUsesDescribeTasksKeyLastStatus_acceptsIt() {
        Parsed parsed = parse(minimalEvent("""
                "containers":[{"name":"app","managedAgents":[{"name":"ExecuteCommandAgent","lastStatus":"STOPPED","reason":"agent crashed"}]}]"""));

        EcsTask task = ((Accepted) parsed).task();
        assertThat(task.containers().get(0).executeCommandAgent()).hasValueSatisfying(agent -> {
            assertThat(agent.status()).isEqualTo("STOPPED");
            assertThat(agent.reason()).isEqualTo("agent crashed");
        });
    }

    @Test
    void parse_whenOverridesCarryEnvironmentValues_keepsOnlyNames() {
        Parsed parsed = parse(minimalEvent("""
                "overrides":{"taskRoleArn":"arn:aws:iam::123456789012:role/override","containerOverrides":[{"name":"app","environment":[{"name":"AWS_SECRET_ACCESS_KEY","value":"do-not-keep-me"}]}]}"""));

        EcsTask task = ((Accepted) parsed).task();
        assertThat(task.overrides().taskRoleArn()).isEqualTo("arn:aws:iam::123456789012:role/override");
        assertThat(task.overrides().forContainer("app")).hasValueSatisfying(o ->
                assertThat(o.environmentNames()).containsExactly("AWS_SECRET_ACCESS_KEY"));
        assertThat(task.toString()).doesNotContain("do-not-keep-me");
    }

    @Test
    void parse_whenUnknownFieldsEverywhere_ignoresThem() {
        Parsed parsed = parse(minimalEvent("""
                "brandNewField":{"nested":[1,2,3]},"containers":[{"name":"app","futureFlag":true,"managedAgents":[{"name":"ExecuteCommandAgent","status":"RUNNING","newKey":"x"}]}]"""));

        assertThat(parsed).isInstanceOf(Accepted.class);
    }

    @Test
    void parse_whenNotJson_rejectsWithReason() {
        assertThat(parse("{not json")).isInstanceOfSatisfying(Rejected.class,
                r -> assertThat(r.reason()).startsWith("payload is not JSON"));
    }

    @Test
    void parse_whenJsonArray_rejects() {
        assertThat(parse("[1,2]")).isInstanceOfSatisfying(Rejected.class,
                r -> assertThat(r.reason()).isEqualTo("payload is not a JSON object"));
    }

    @Test
    void parse_whenOtherDetailType_rejectsNamingIt() {
        Parsed parsed = parse("""
                {"id":"e1","source":"aws.securityhub","detail-type":"Security Hub Findings - Imported","detail":{}}""");

        assertThat(parsed).isInstanceOfSatisfying(Rejected.class, r -> {
            assertThat(r.reason()).contains("Security Hub Findings - Imported");
            assertThat(r.eventId()).isEqualTo("e1");
        });
    }

    @Test
    void parse_whenDetailMissing_rejects() {
        assertThat(parse("""
                {"source":"aws.ecs","detail-type":"ECS Task State Change"}""")).isInstanceOfSatisfying(Rejected.class,
                r -> assertThat(r.reason()).isEqualTo("event has no detail object"));
    }

    @Test
    void parse_whenRequiredFieldsMissing_rejectsListingThem() {
        assertThat(parse("""
                {"source":"aws.ecs","detail-type":"ECS Task State Change","detail":{"lastStatus":"RUNNING"}}"""))
                .isInstanceOfSatisfying(Rejected.class, r -> assertThat(r.reason()).contains("detail.taskArn", "detail.clusterArn"));
    }

    @Test
    void parse_whenFieldHasWrongType_rejectsWithoutThrowing() {
        assertThat(parse(minimalEvent("\"containers\":\"not-a-list\""))).isInstanceOf(Rejected.class);
    }

    @Test
    void parse_whenPayloadOversized_rejectsBeforeParsing() {
        byte[] huge = new byte[TaskStateChangeParser.MAX_EVENT_BYTES + 1];

        assertThat(parser.parse(huge)).isInstanceOfSatisfying(Rejected.class, r -> assertThat(r.reason()).contains("exceeds"));
    }

    @Test
    void parse_whenTimeMalformed_stillAccepts() {
        String event = minimalEvent("").replace("\"time\":\"2026-11-20T10:15:42Z\"", "\"time\":\"yesterday\"");

        assertThat(parse(event)).isInstanceOf(Accepted.class);
    }

    static String minimalEvent(String extraDetailFields) {
        String extra = extraDetailFields.isBlank() ? "" : "," + extraDetailFields;
        return """
                {"version":"0","id":"evt-1","detail-type":"ECS Task State Change","source":"aws.ecs","account":"123456789012",
                 "time":"2026-11-20T10:15:42Z","region":"us-east-1","resources":[],
                 "detail":{"taskArn":"arn:aws:ecs:us-east-1:123456789012:task/c/0123456789abcdef0123456789abcdef",
                           "clusterArn":"arn:aws:ecs:us-east-1:123456789012:cluster/c","lastStatus":"RUNNING"%s}}"""
                .formatted(extra);
    }
}
