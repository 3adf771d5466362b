package io.execready.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.execready.harness.AgentSessionRecord;
import io.execready.harness.LocalExecAgent;
import io.execready.harness.LocalExecAgent.Behaviour;
import io.execready.harness.LocalExecAgent.OpenedSession;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The probe against the local agent over a real WebSocket: the success path and each phase it can fail in. */
class ExecSessionProbeTest {

    private static final ProbeTarget TARGET = new ProbeTarget("arn:aws:ecs:us-east-1:123456789012:cluster/prod",
            "arn:aws:ecs:us-east-1:123456789012:task/prod/0123456789abcdef0123456789abcdef", "app",
            "0123456789abcdef0123456789abcdef-1234567890");
    private static final String TARGET_ID = "ecs:prod_0123456789abcdef0123456789abcdef_0123456789abcdef0123456789abcdef-1234567890";
    private static final ProbeTimeouts TIMEOUTS = new ProbeTimeouts(Duration.ofSeconds(20), Duration.ofSeconds(5),
            Duration.ofSeconds(5), Duration.ofSeconds(3), Duration.ofSeconds(5), Duration.ofMillis(300), 2);

    private static final LocalAgentKeys KEYS = new LocalAgentKeys();
    private static LocalExecAgent agent;

    private final List<String> opened = new ArrayList<>();
    private final List<String> commands = new ArrayList<>();

    @BeforeAll
    static void startAgent() {
        agent = LocalExecAgent.start(KEYS);
    }

    @AfterAll
    static void stopAgent() {
        agent.close();
    }

    private ProbeRun probe(Optional<String> kmsKeyId, Behaviour behaviour) {
        return probe(kmsKeyId, behaviour, KEYS);
    }

    private ProbeRun probe(Optional<String> kmsKeyId, Behaviour behaviour, DataKeySource keys) {
        ExecSessionStarter starter = (target, command, timeout) -> {
            commands.add(command);
            OpenedSession session = agent.open(TARGET_ID, command, kmsKeyId, behaviour);
            opened.add(session.sessionId());
            return new ExecSession(session.sessionId(), session.streamUrl(), session.tokenValue(), TARGET_ID);
        };
        return ExecSessionProbe.create(starter, keys, agent::terminate, TIMEOUTS).probe(TARGET);
    }

    private AgentSessionRecord agentRecord() throws InterruptedException {
        return agent.recordAfterClientLeft(opened.getFirst(), 10_000);
    }

    @Test
    void namesTheSessionTargetAsEcsExecDoes() {
        assertThat(TARGET.targetId()).isEqualTo(TARGET_ID);
    }

    @Test
    void readsTheSentinelBackAndClosesTheSession() throws InterruptedException {
        ProbeRun run = probe(Optional.empty(), Behaviour.FAITHFUL);

        assertThat(run.outcome()).isInstanceOf(ProbeOutcome.SentinelRead.class);
        assertThat(((ProbeOutcome.SentinelRead) run.outcome()).timeToSentinel()).isPositive();
        assertThat(commands.getFirst()).matches("/bin/sh -c 'echo execready-probe-[0-9a-f]{16}'");
        AgentSessionRecord record = agentRecord();
        assertThat(record.tokenAccepted()).isTrue();
        assertThat(record.allOutputAcknowledged()).as("every output message acknowledged").isTrue();
        assertThat(record.inputPayloadTypes()).as("handshake response, then the terminal size").containsExactly(6, 3);
        assertThat(record.inputSequences()).containsExactly(0L, 1L);
        assertThat(record.problems()).isEmpty();
        assertThat(record.closed()).isTrue();
        assertThat(run.termination()).isEqualTo(new ProbeRun.Termination.Terminated(opened.getFirst()));
    }

    @Test
    void passesTheKmsChallengeAndDecryptsTheOutputWhenTheClusterSetsAKey() throws InterruptedException {
        ProbeRun run = probe(Optional.of("arn:aws:kms:us-east-1:123456789012:key/exec"), Behaviour.FAITHFUL);

        assertThat(run.outcome()).isInstanceOf(ProbeOutcome.SentinelRead.class);
        AgentSessionRecord record = agentRecord();
        assertThat(record.challengePassed()).isTrue();
        assertThat(record.inputPayloadTypes()).containsExactly(6, 9, 3);
        assertThat(record.allOutputAcknowledged()).isTrue();
        assertThat(record.closed()).isTrue();
        assertThat(KEYS.contextOfOnlyKeyFor(opened.getFirst()))
                .isEqualTo(Map.of("aws:ssm:SessionId", opened.getFirst(), "aws:ssm:TargetId", TARGET_ID));
    }

    @Test
    void resendsInputTheAgentDidNotAcknowledge() throws InterruptedException {
        ProbeRun run = probe(Optional.empty(), Behaviour.DROP_FIRST_INPUT);

        assertThat(run.outcome()).isInstanceOf(ProbeOutcome.SentinelRead.class);
        AgentSessionRecord record = agentRecord();
        // The terminal size (1) goes once more only if the probe is still there; the sentinel may end it first.
        assertThat(record.inputSequences()).as("the handshake response sent twice").startsWith(0L, 0L, 1L);
        assertThat(record.closed()).isTrue();
    }

    @Test
    void aRefusedTokenFailsInTheWebSocketPhase() throws InterruptedException {
        ProbeRun run = probe(Optional.empty(), Behaviour.REFUSE_TOKEN);

        assertThat(run.outcome()).isEqualTo(new ProbeOutcome.Failed(opened.getFirst(), ProbePhase.WEBSOCKET,
                "the service closed the data channel (1008: Authentication failed: token refused)"));
        assertThat(agentRecord().tokenRefused()).isTrue();
        assertThat(agentRecord().terminated()).isTrue();
    }

    @Test
    void inputNeverAcknowledgedFailsTheHandshakeAfterItsResends() throws InterruptedException {
        ProbeRun run = probe(Optional.empty(), Behaviour.IGNORE_INPUT);

        assertThat(run.outcome()).isEqualTo(new ProbeOutcome.Failed(opened.getFirst(), ProbePhase.HANDSHAKE,
                "the agent did not acknowledge input message 0 (HANDSHAKE_RESPONSE) after 2 resends"));
        AgentSessionRecord record = agentRecord();
        assertThat(record.inputSequences()).containsExactly(0L, 0L, 0L);
        assertThat(record.closed()).isTrue();
    }

    @Test
    void anUnacknowledgedHandshakeResponseIsAHandshakeFailureEvenWhenTheSessionIsEncrypted() {
        ProbeRun run = probe(Optional.of("alias/exec"), Behaviour.IGNORE_INPUT);

        assertThat(run.outcome()).isEqualTo(new ProbeOutcome.Failed(opened.getFirst(), ProbePhase.HANDSHAKE,
                "the agent did not acknowledge input message 0 (HANDSHAKE_RESPONSE) after 2 resends"));
    }

    @Test
    void aPayloadDigestMismatchFailsTheHandshake() throws InterruptedException {
        ProbeRun run = probe(Optional.empty(), Behaviour.CORRUPT_DIGEST);

        assertThat(run.outcome()).isEqualTo(new ProbeOutcome.Failed(opened.getFirst(), ProbePhase.HANDSHAKE,
                "payload digest mismatch on output_stream_data message 0"));
        assertThat(agentRecord().closed()).isTrue();
    }

    @Test
    void anAgentThatNeverStartsTheHandshakeTimesOut() throws InterruptedException {
        ProbeRun run = probe(Optional.empty(), Behaviour.NO_HANDSHAKE);

        assertThat(run.outcome()).isEqualTo(new ProbeOutcome.Failed(opened.getFirst(), ProbePhase.HANDSHAKE,
                "no handshake request from the agent within 3000 ms of opening the data channel"));
        assertThat(agentRecord().tokenAccepted()).isTrue();
        assertThat(agentRecord().closed()).isTrue();
    }

    @Test
    void aChallengeSealedWithAnotherKeyFailsTheEncryptionPhase() throws InterruptedException {
        ProbeRun run = probe(Optional.of("alias/exec"), Behaviour.WRONG_CHALLENGE_KEY);

        assertThat(run.outcome()).isInstanceOfSatisfying(ProbeOutcome.Failed.class, failed -> {
            assertThat(failed.phase()).isEqualTo(ProbePhase.ENCRYPTION);
            assertThat(failed.error()).startsWith("the agent's encryption challenge does not decrypt with the session key: AEADBadTagException");
        });
        assertThat(agentRecord().challengePassed()).isFalse();
        assertThat(agentRecord().closed()).isTrue();
    }

    @Test
    void aRefusedDataKeyFailsTheEncryptionPhaseWithKmsWords() throws InterruptedException {
        DataKeySource denied = (keyId, context) -> {
            throw new IllegalStateException("User: arn:aws:sts::123456789012:assumed-role/probe is not authorized to perform: kms:GenerateDataKey");
        };
        ProbeRun run = probe(Optional.of("alias/exec"), Behaviour.FAITHFUL, denied);

        assertThat(run.outcome()).isEqualTo(new ProbeOutcome.Failed(opened.getFirst(), ProbePhase.ENCRYPTION,
                "kms:GenerateDataKey on alias/exec failed: User: arn:aws:sts::123456789012:assumed-role/probe is not"
                        + " authorized to perform: kms:GenerateDataKey"));
        assertThat(agentRecord().closed()).isTrue();
    }

    @Test
    void aRefusedExecuteCommandFailsFirstAndLeavesNoSession() {
        ExecSessionStarter refused = (target, command, timeout) -> {
            throw new IllegalStateException("TargetNotConnectedException: The execute command failed due to an internal error.");
        };
        ProbeRun run = ExecSessionProbe.create(refused, KEYS, sessionId -> {
            throw new AssertionError("nothing to terminate");
        }, TIMEOUTS).probe(TARGET);

        assertThat(run.outcome()).isEqualTo(new ProbeOutcome.Failed("", ProbePhase.EXECUTE_COMMAND,
                "TargetNotConnectedException: The execute command failed due to an internal error."));
        assertThat(run.termination()).isEqualTo(new ProbeRun.Termination.NoSession());
    }

    @Test
    void anUnreachableStreamUrlFailsTheWebSocketPhaseAndStillTerminates() {
        List<String> terminated = new ArrayList<>();
        ExecSessionStarter nowhere = (target, command, timeout) ->
                new ExecSession("ecs-execute-command-x", "ws://127.0.0.1:9/v1/data-channel/x", "token", TARGET_ID);
        ProbeRun run = ExecSessionProbe.create(nowhere, KEYS, terminated::add, TIMEOUTS).probe(TARGET);

        assertThat(run.outcome()).isInstanceOfSatisfying(ProbeOutcome.Failed.class, failed -> {
            assertThat(failed.phase()).isEqualTo(ProbePhase.WEBSOCKET);
            assertThat(failed.error()).startsWith("cannot open ws://127.0.0.1:9/v1/data-channel/x: ");
        });
        assertThat(terminated).containsExactly("ecs-execute-command-x");
    }
}
