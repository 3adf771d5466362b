package io.execready.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.execready.functions.local.DemoScenario;
import io.execready.functions.local.LocalCheckerRun;
import io.execready.functions.local.Progress;
import io.execready.harness.AgentSessionRecord;
import io.execready.harness.LocalExecAgent;
import io.execready.harness.LocalExecAgent.Behaviour;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import io.execready.harness.LocalAws;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * The opt-in probe end to end: the task-state-change handler in the Lambda runtime, probing turned
 * on for the demo cluster, the patched emulator's ExecuteCommand opening each session on the
 * local agent, which plays it faithfully or fails it in one phase. The probe's session is closed
 * (socket closed, TerminateSession) in every case.
 */
@Tag("emulator")
class ExecSessionProbeEndToEndTest {

    private static final String HANDLER = "io.execready.functions.TaskStateChangeFunction::handleRequest";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger EVENT_VERSION = new AtomicInteger(100);

    /** The task of the sample ready event; the emulator's ExecuteCommand needs a task it knows instead. */
    private static final String SAMPLE_TASK_ID = "5c3a4e8f2a9d4b7c8e1f0a2b3c4d5e6f";

    private static LocalExecAgent agent;
    private static LocalCheckerRun run;
    /** The ready sample event, about a task the emulator runs (its id and its container's runtime id). */
    private static String readyEvent;

    @BeforeAll
    static void start() {
        // The agent unwraps the probe's data key as the real one does: kms:Decrypt under the session's context.
        agent = LocalExecAgent.start((blob, context) -> {
            try (KmsClient kms = KmsClient.builder().region(Region.of(LocalAws.REGION)).build()) {
                return kms.decrypt(r -> r.ciphertextBlob(SdkBytes.fromByteArray(blob)).encryptionContext(context)).plaintext().asByteArray();
            }
        });
        run = LocalCheckerRun.start(System.getProperty("java.class.path"), Progress.silent(),
                Map.of("EXECREADY_EXEC_AGENT", agent.controlEndpoint().toString()),
                Map.of("EXEC_PROBE_CLUSTERS", DemoScenario.CLUSTER));
        Region region = Region.of(run.aws().region());
        encryptSessionsOfTheDemoCluster(region);
        String taskArn = DemoScenario.runServiceTask(region, run.seeded(), DemoScenario.READY_SERVICE);
        try (EcsClient ecs = EcsClient.builder().region(region).build()) {
            Task task = ecs.describeTasks(r -> r.cluster(DemoScenario.CLUSTER).tasks(taskArn)).tasks().getFirst();
            String taskId = taskArn.substring(taskArn.lastIndexOf('/') + 1);
            ObjectNode event = (ObjectNode) JSON.readTree(Files.readString(LocalCheckerRun.eventsDirectory()
                    .resolve("task-running-exec-ready.json")).replace(SAMPLE_TASK_ID, taskId));
            ObjectNode container = (ObjectNode) event.get("detail").get("containers").get(0);
            assertThat(container.get("name").asText()).isEqualTo(task.containers().getFirst().name());
            container.put("runtimeId", task.containers().getFirst().runtimeId());
            readyEvent = event.toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Sessions of the demo cluster encrypted with a KMS key, which the ready task's role may use:
     * every probe here runs the KMS challenge, and the other checks still pass.
     */
    private static void encryptSessionsOfTheDemoCluster(Region region) {
        try (KmsClient kms = KmsClient.builder().region(region).build();
             EcsClient ecs = EcsClient.builder().region(region).build();
             IamClient iam = IamClient.builder().region(region).build()) {
            String keyArn = kms.createKey(r -> r.description("ECS Exec sessions of the demo cluster")).keyMetadata().arn();
            ecs.updateCluster(r -> r.cluster(DemoScenario.CLUSTER)
                    .configuration(c -> c.executeCommandConfiguration(e -> e.kmsKeyId(keyArn))));
            iam.putRolePolicy(r -> r.roleName(DemoScenario.READY_ROLE).policyName("ecs-exec-session-key")
                    .policyDocument("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"kms:Decrypt\","
                            + "\"Resource\":\"" + keyArn + "\"}]}"));
        }
    }

    @AfterAll
    static void stop() {
        try {
            if (run != null) {
                run.close();
            }
        } finally {
            agent.close();
        }
    }

    /** Each test is a change: the ledger's probe items go, so the next evaluation probes again. */
    @BeforeEach
    void forgetEarlierProbes() {
        try (DynamoDbClient dynamoDb = DynamoDbClient.builder().region(Region.of(run.aws().region())).build()) {
            dynamoDb.scanPaginator(r -> r.tableName(LocalCheckerRun.STATE_TABLE)).items().stream()
                    .filter(item -> item.get("sk").s().startsWith("probe#"))
                    .forEach(item -> dynamoDb.deleteItem(r -> r.tableName(LocalCheckerRun.STATE_TABLE)
                            .key(Map.of("pk", item.get("pk"), "sk", item.get("sk")))));
        }
    }

    /** The ready task's event, with a version not seen before (the handler drops an event it already handled). */
    private static JsonNode probeCheckOfReadyTask() throws Exception {
        ObjectNode event = (ObjectNode) JSON.readTree(readyEvent);
        ((ObjectNode) event.get("detail")).put("version", EVENT_VERSION.incrementAndGet());
        JsonNode response = run.responseOf(run.invoke(HANDLER, run.asDeliveredHere(event.toString())));
        assertThat(response.path("outcome").asText()).as(response.toPrettyString()).isEqualTo("EVALUATED");
        for (JsonNode check : response.get("report").get("checks")) {
            if (check.get("checkId").asText().equals("exec-session-probe")) {
                return check;
            }
        }
        throw new AssertionError("no exec-session-probe in " + response.toPrettyString());
    }

    private static AgentSessionRecord lastSession() throws InterruptedException {
        return agent.recordAfterClientLeft(agent.openedSessions().getLast(), 30_000);
    }

    private static JsonNode probeWhenAgentPlays(Behaviour behaviour) throws Exception {
        agent.playNextSessions(behaviour);
        int before = agent.openedSessions().size();
        JsonNode check = probeCheckOfReadyTask();
        assertThat(agent.openedSessions()).as("one session per probe: %s", check).hasSize(before + 1);
        return check;
    }

    @Test
    void aReadyTask_passesWithTheTimeToTheSentinel_andTheSessionIsClosed() throws Exception {
        JsonNode check = probeWhenAgentPlays(Behaviour.FAITHFUL);

        assertThat(check.get("status").asText()).as(check.toPrettyString()).isEqualTo("PASS");
        assertThat(check.get("message").asText()).containsPattern("returned its output \\d+ ms after the probe started");
        AgentSessionRecord session = lastSession();
        assertThat(session.allOutputAcknowledged()).isTrue();
        assertThat(session.challengePassed()).as("the KMS challenge of the cluster's key").isTrue();
        assertThat(session.closed()).as("socket closed and session terminated: %s", session).isTrue();
    }

    @Test
    void aSecondEvaluationWithTheSameVerdicts_reportsTheRecordedProbeWithoutOpeningASession() throws Exception {
        probeWhenAgentPlays(Behaviour.FAITHFUL);
        int sessions = agent.openedSessions().size();

        JsonNode again = probeCheckOfReadyTask();

        assertThat(again.get("status").asText()).isEqualTo("PASS");
        assertThat(agent.openedSessions()).hasSize(sessions);
    }

    @Test
    void aRefusedToken_failsInTheWebSocketPhase() throws Exception {
        assertFailed(probeWhenAgentPlays(Behaviour.REFUSE_TOKEN), "WEBSOCKET", "Authentication failed: token refused");
    }

    @Test
    void inputNeverAcknowledged_failsInTheHandshakePhase() throws Exception {
        assertFailed(probeWhenAgentPlays(Behaviour.IGNORE_INPUT), "HANDSHAKE",
                "the agent did not acknowledge input message 0 (HANDSHAKE_RESPONSE) after 3 resends");
    }

    @Test
    void aDigestMismatch_failsInTheHandshakePhase() throws Exception {
        assertFailed(probeWhenAgentPlays(Behaviour.CORRUPT_DIGEST), "HANDSHAKE", "payload digest mismatch on output_stream_data message 0");
    }

    @Test
    void noHandshake_timesOutInTheHandshakePhase() throws Exception {
        assertFailed(probeWhenAgentPlays(Behaviour.NO_HANDSHAKE), "HANDSHAKE", "no handshake request from the agent within 10000 ms");
    }

    @Test
    void aChallengeSealedWithAnotherKey_failsInTheEncryptionPhase() throws Exception {
        assertFailed(probeWhenAgentPlays(Behaviour.WRONG_CHALLENGE_KEY), "ENCRYPTION",
                "the agent's encryption challenge does not decrypt with the session key: AEADBadTagException");
    }

    private static void assertFailed(JsonNode check, String phase, String error) throws InterruptedException {
        assertThat(check.get("status").asText()).as(check.toPrettyString()).isEqualTo("FAIL");
        assertThat(check.get("message").asText()).contains("failed in phase " + phase + ": ").contains(error);
        AgentSessionRecord session = lastSession();
        assertThat(session.closed()).as("socket closed and session terminated: %s", session).isTrue();
    }
}
