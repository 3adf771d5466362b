package io.execready.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.execready.harness.LocalWebSocketServer.Connection;
import io.execready.harness.LocalWebSocketServer.Frame;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The agent side of ECS Exec's data channel, played on 127.0.0.1 for tests: it checks the token of
 * the open-data-channel message, sends its handshake request (with the KMS action when the session
 * has a key), acknowledges the client's input and expects acknowledgements of its output, runs the
 * KMS encryption challenge, sends handshake complete, runs the session's command with
 * {@code /bin/sh -c} and sends its output (AES-GCM sealed when encrypted), then channel_closed.
 * A {@link Behaviour} makes it misbehave the ways a real session fails. What it saw is kept per
 * session in an {@link AgentSessionRecord}.
 */
public final class LocalExecAgent implements AutoCloseable {

    /** How the agent plays a session. */
    public enum Behaviour {
        /** As the real agent does. */
        FAITHFUL,
        /** Refuses the token of the open-data-channel message and closes the socket (policy violation, 1008). */
        REFUSE_TOKEN,
        /** Never acknowledges the client's input, so its handshake response is never taken. */
        IGNORE_INPUT,
        /** Drops the first copy of each input message unacknowledged; acknowledges the resend. */
        DROP_FIRST_INPUT,
        /** Sends its handshake request with a payload digest that does not match. */
        CORRUPT_DIGEST,
        /** Accepts the token and then says nothing. */
        NO_HANDSHAKE,
        /** Seals its encryption challenge with a key that is not the session's. */
        WRONG_CHALLENGE_KEY
    }

    /** How the agent learns the data key: kms:Decrypt of the client's ciphertext blob under the session's context. */
    @FunctionalInterface
    public interface KeyUnwrapper {
        byte[] plaintext(byte[] ciphertextBlob, Map<String, String> encryptionContext) throws Exception;
    }

    /** What ExecuteCommand hands the client for a session this agent serves. */
    public record OpenedSession(String sessionId, String streamUrl, String tokenValue) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int PAYLOAD_OUTPUT = 1;
    private static final int PAYLOAD_HANDSHAKE_REQUEST = 5;
    private static final int PAYLOAD_HANDSHAKE_RESPONSE = 6;
    private static final int PAYLOAD_HANDSHAKE_COMPLETE = 7;
    private static final int PAYLOAD_CHALLENGE_REQUEST = 8;
    private static final int PAYLOAD_CHALLENGE_RESPONSE = 9;
    private static final int STEP_MILLIS = 10_000;

    private final LocalWebSocketServer server;
    private final KeyUnwrapper keys;
    private final Map<String, SessionPlan> plans = new ConcurrentHashMap<>();
    private final List<String> opened = new CopyOnWriteArrayList<>();
    private volatile Behaviour nextBehaviour = Behaviour.FAITHFUL;
    private HttpServer control;

    private LocalExecAgent(KeyUnwrapper keys) {
        this.keys = keys;
        this.server = LocalWebSocketServer.start(this::serve);
    }

    /**
     * The agent's control endpoint on 127.0.0.1, through which the emulator's ExecuteCommand opens a
     * session ({@code POST /sessions}: target id, command, KMS key id) and its TerminateSession ends one
     * ({@code POST /sessions/terminate}: session id). The patched moto calls it; its URL goes to moto
     * in {@code EXECREADY_EXEC_AGENT}.
     */
    public synchronized URI controlEndpoint() {
        if (control == null) {
            try {
                control = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            } catch (IOException e) {
                throw new HarnessException("Cannot listen on 127.0.0.1 for the local agent's control endpoint", e);
            }
            control.createContext("/sessions", this::controlRequest);
            control.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            control.start();
        }
        return URI.create("http://127.0.0.1:" + control.getAddress().getPort());
    }

    /** How the sessions the emulator opens from now on are played. */
    public void playNextSessions(Behaviour behaviour) {
        this.nextBehaviour = behaviour;
    }

    /** The ids of the sessions opened so far, in order. */
    public List<String> openedSessions() {
        return List.copyOf(opened);
    }

    private void controlRequest(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode request = JSON.readTree(exchange.getRequestBody());
            ObjectNode answer = JSON.createObjectNode();
            if (exchange.getRequestURI().getPath().endsWith("/terminate")) {
                String sessionId = request.path("sessionId").asText();
                if (!plans.containsKey(sessionId)) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                terminate(sessionId);
                answer.put("sessionId", sessionId);
            } else {
                String kmsKeyId = request.path("kmsKeyId").asText("");
                OpenedSession session = open(request.path("targetId").asText(), request.path("command").asText(),
                        kmsKeyId.isEmpty() ? Optional.empty() : Optional.of(kmsKeyId), nextBehaviour);
                answer.put("sessionId", session.sessionId()).put("streamUrl", session.streamUrl()).put("tokenValue", session.tokenValue());
            }
            byte[] body = answer.toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    public static LocalExecAgent start(KeyUnwrapper keys) {
        return new LocalExecAgent(keys);
    }

    /** Opens a session on the agent's side, as ExecuteCommand does before it returns the stream URL and token. */
    public OpenedSession open(String targetId, String command, Optional<String> kmsKeyId, Behaviour behaviour) {
        String sessionId = "ecs-execute-command-" + UUID.randomUUID().toString().replace("-", "").substring(0, 17);
        String token = "token-" + UUID.randomUUID();
        opened.add(sessionId);
        plans.put(sessionId, new SessionPlan(sessionId, targetId, command, kmsKeyId, behaviour, token, new AgentSessionRecord.Builder()));
        String url = server.uri("/v1/data-channel/" + sessionId + "?role=publish_subscribe&cell-number=local").toString();
        return new OpenedSession(sessionId, url, token);
    }

    /** The stand-in for ssm:TerminateSession: records that the client ended the session. */
    public void terminate(String sessionId) {
        plan(sessionId).record().terminated();
    }

    /** What the agent saw of a session so far. */
    public AgentSessionRecord record(String sessionId) {
        return plan(sessionId).record().build();
    }

    /** The record once the client is done with the socket, waiting at most {@code timeoutMillis} for that. */
    public AgentSessionRecord recordAfterClientLeft(String sessionId, long timeoutMillis) throws InterruptedException {
        AgentSessionRecord.Builder record = plan(sessionId).record();
        record.awaitSocketDone(timeoutMillis);
        return record.build();
    }

    private SessionPlan plan(String sessionId) {
        SessionPlan plan = plans.get(sessionId);
        if (plan == null) {
            throw new HarnessException("The local agent opened no session " + sessionId);
        }
        return plan;
    }

    @Override
    public synchronized void close() {
        server.close();
        if (control != null) {
            control.stop(0);
        }
    }

    private void serve(Connection connection) {
        String path = connection.path();
        String sessionId = path.replaceFirst("^/v1/data-channel/", "").replaceFirst("\\?.*$", "");
        SessionPlan plan = plans.get(sessionId);
        try {
            if (plan == null) {
                connection.close(1008, "unknown session " + sessionId);
                return;
            }
            try {
                new Exchange(connection, plan).play();
            } finally {
                plan.record().socketDone();
            }
        } catch (IOException e) {
            plan.record().problem("socket: " + e.getMessage());
        }
    }

    private record SessionPlan(String sessionId, String targetId, String command, Optional<String> kmsKeyId,
                               Behaviour behaviour, String token, AgentSessionRecord.Builder record) {
    }

    /** One connection's conversation, step by step. */
    private final class Exchange {
        private final Connection connection;
        private final SessionPlan plan;
        private final AgentSessionRecord.Builder record;
        private final Set<Long> inputSeen = new HashSet<>();
        private final Set<Long> outputUnacknowledged = ConcurrentHashMap.newKeySet();
        private long nextOutputSequence;
        private long expectedInputSequence;
        private boolean clientGone;

        Exchange(Connection connection, SessionPlan plan) {
            this.connection = connection;
            this.plan = plan;
            this.record = plan.record();
        }

        void play() throws IOException {
            Optional<Frame> first = connection.read(STEP_MILLIS);
            if (first.isEmpty() || !(first.get() instanceof Frame.Text open)) {
                connection.close(1008, "expected the open-data-channel message");
                drain();
                return;
            }
            JsonNode opening = JSON.readTree(open.text());
            if (plan.behaviour() == Behaviour.REFUSE_TOKEN || !plan.token().equals(opening.path("TokenValue").asText())) {
                record.tokenRefused();
                connection.close(1008, "Authentication failed: token refused");
                drain();
                return;
            }
            record.tokenAccepted();
            if (plan.behaviour() == Behaviour.NO_HANDSHAKE) {
                drain();
                return;
            }
            sendOutput(PAYLOAD_HANDSHAKE_REQUEST, handshakeRequest().toString().getBytes(StandardCharsets.UTF_8),
                    plan.behaviour() == Behaviour.CORRUPT_DIGEST);
            Optional<AgentMessage> response = awaitInput(PAYLOAD_HANDSHAKE_RESPONSE);
            if (response.isEmpty()) {
                drain();
                return;
            }
            byte[][] sessionKeys = null;
            if (plan.kmsKeyId().isPresent()) {
                sessionKeys = challenge(JSON.readTree(response.get().payload()));
                if (sessionKeys == null) {
                    drain();
                    return;
                }
            }
            ObjectNode complete = JSON.createObjectNode().put("HandshakeTimeToComplete", 1_000_000L).put("CustomerMessage", "");
            sendOutput(PAYLOAD_HANDSHAKE_COMPLETE, complete.toString().getBytes(StandardCharsets.UTF_8), false);
            byte[] output = run(plan.command());
            sendOutput(PAYLOAD_OUTPUT, sessionKeys == null ? output : seal(sessionKeys[0], output), false);
            awaitAcknowledgements();
            sendChannelClosed("Exiting session with sessionId: " + plan.sessionId() + ".");
            drain();
        }

        private ObjectNode handshakeRequest() {
            ObjectNode request = JSON.createObjectNode().put("AgentVersion", "3.3.0.0-local");
            var actions = request.putArray("RequestedClientActions");
            plan.kmsKeyId().ifPresent(key -> actions.addObject().put("ActionType", "KMSEncryption")
                    .putObject("ActionParameters").put("KMSKeyId", key));
            ObjectNode sessionType = actions.addObject().put("ActionType", "SessionType");
            sessionType.putObject("ActionParameters").put("SessionType", "InteractiveCommands").putObject("Properties");
            return request;
        }

        /** The KMS challenge; the agent's sealing and opening keys, or null when the session cannot go on. */
        private byte[][] challenge(JsonNode response) throws IOException {
            String blob = "";
            for (JsonNode action : response.path("ProcessedClientActions")) {
                if ("KMSEncryption".equals(action.path("ActionType").asText())) {
                    blob = action.path("ActionResult").path("KMSCipherTextKey").asText("");
                }
            }
            byte[] dataKey;
            try {
                dataKey = keys.plaintext(Base64.getDecoder().decode(blob),
                        Map.of("aws:ssm:SessionId", plan.sessionId(), "aws:ssm:TargetId", plan.targetId()));
            } catch (Exception e) {
                record.problem("kms:Decrypt of the client's data key failed: " + e.getMessage());
                sendChannelClosed("Failed to decrypt the data key: " + e.getMessage());
                return null;
            }
            byte[] agentSeals = Arrays.copyOfRange(dataKey, 0, dataKey.length / 2);
            byte[] agentOpens = Arrays.copyOfRange(dataKey, dataKey.length / 2, dataKey.length);
            byte[] challenge = new byte[64];
            RANDOM.nextBytes(challenge);
            byte[] sealingKey = agentSeals;
            if (plan.behaviour() == Behaviour.WRONG_CHALLENGE_KEY) {
                sealingKey = new byte[32];
                RANDOM.nextBytes(sealingKey);
            }
            ObjectNode request = JSON.createObjectNode().put("Challenge", Base64.getEncoder().encodeToString(seal(sealingKey, challenge)));
            sendOutput(PAYLOAD_CHALLENGE_REQUEST, request.toString().getBytes(StandardCharsets.UTF_8), false);
            Optional<AgentMessage> answer = awaitInput(PAYLOAD_CHALLENGE_RESPONSE);
            if (answer.isEmpty()) {
                return null;
            }
            byte[] returned = open(agentOpens, Base64.getDecoder().decode(JSON.readTree(answer.get().payload()).path("Challenge").asText("")));
            if (!Arrays.equals(returned, challenge)) {
                record.problem("the client's challenge response did not match");
                sendChannelClosed("Encryption challenge failed");
                return null;
            }
            record.challengePassed();
            return new byte[][] {agentSeals, agentOpens};
        }

        private void sendOutput(int payloadType, byte[] payload, boolean corruptDigest) throws IOException {
            byte[] message = AgentMessage.write("output_stream_data", nextOutputSequence, 0, payloadType, payload);
            if (corruptDigest) {
                message[80] ^= 0x01;
            }
            outputUnacknowledged.add(nextOutputSequence);
            record.outputSent(nextOutputSequence);
            nextOutputSequence++;
            connection.sendBinary(message);
        }

        private void sendChannelClosed(String output) throws IOException {
            ObjectNode closed = JSON.createObjectNode()
                    .put("MessageId", UUID.randomUUID().toString())
                    .put("CreatedDate", java.time.Instant.now().toString())
                    .put("DestinationId", plan.targetId())
                    .put("SessionId", plan.sessionId())
                    .put("MessageType", "channel_closed")
                    .put("SchemaVersion", 1)
                    .put("Output", output);
            connection.sendBinary(AgentMessage.write("channel_closed", 0, 0, 0, closed.toString().getBytes(StandardCharsets.UTF_8)));
        }

        /** Handles what the client sends until the next in-order input of {@code payloadType}; empty if it never comes. */
        private Optional<AgentMessage> awaitInput(int payloadType) throws IOException {
            long deadline = System.currentTimeMillis() + STEP_MILLIS;
            while (!clientGone && System.currentTimeMillis() < deadline) {
                Optional<AgentMessage> delivered = handle(connection.read((int) Math.max(1, deadline - System.currentTimeMillis())));
                if (delivered.isPresent() && delivered.get().payloadType() == payloadType) {
                    return delivered;
                }
            }
            return Optional.empty();
        }

        private void awaitAcknowledgements() throws IOException {
            long deadline = System.currentTimeMillis() + STEP_MILLIS;
            while (!clientGone && !outputUnacknowledged.isEmpty() && System.currentTimeMillis() < deadline) {
                handle(connection.read((int) Math.max(1, deadline - System.currentTimeMillis())));
            }
        }

        /** Reads until the client closes the socket, so the record says whether it did. */
        private void drain() throws IOException {
            long deadline = System.currentTimeMillis() + 3L * STEP_MILLIS;
            while (!clientGone && System.currentTimeMillis() < deadline) {
                handle(connection.read((int) Math.max(1, deadline - System.currentTimeMillis())));
            }
        }

        private Optional<AgentMessage> handle(Optional<Frame> frame) throws IOException {
            if (frame.isEmpty()) {
                return Optional.empty();
            }
            switch (frame.get()) {
                case Frame.Close close -> {
                    clientGone = true;
                    record.clientClosed(close.statusCode());
                    return Optional.empty();
                }
                case Frame.Text text -> {
                    record.problem("unexpected text frame: " + text.text());
                    return Optional.empty();
                }
                case Frame.Binary binary -> {
                    return handle(AgentMessage.read(binary.bytes()));
                }
            }
        }

        private Optional<AgentMessage> handle(AgentMessage message) throws IOException {
            if (!message.digestMatches()) {
                record.problem("client message " + message.messageType() + " " + message.sequenceNumber() + " fails its digest");
                return Optional.empty();
            }
            switch (message.messageType()) {
                case "acknowledge" -> {
                    long sequence = JSON.readTree(message.payload()).path("AcknowledgedMessageSequenceNumber").asLong(-1);
                    outputUnacknowledged.remove(sequence);
                    record.outputAcknowledged(sequence);
                    return Optional.empty();
                }
                case "input_stream_data" -> {
                    return input(message);
                }
                default -> {
                    record.problem("unexpected message type " + message.messageType());
                    return Optional.empty();
                }
            }
        }

        private Optional<AgentMessage> input(AgentMessage message) throws IOException {
            boolean firstCopy = inputSeen.add(message.sequenceNumber());
            record.inputReceived(message.sequenceNumber(), message.payloadType());
            boolean acknowledge = switch (plan.behaviour()) {
                case IGNORE_INPUT -> false;
                case DROP_FIRST_INPUT -> !firstCopy;
                default -> true;
            };
            if (!acknowledge) {
                return Optional.empty();
            }
            ObjectNode ack = JSON.createObjectNode()
                    .put("AcknowledgedMessageType", message.messageType())
                    .put("AcknowledgedMessageId", message.messageId().toString())
                    .put("AcknowledgedMessageSequenceNumber", message.sequenceNumber())
                    .put("IsSequentialMessage", true);
            connection.sendBinary(AgentMessage.write("acknowledge", 0, 3, 0, ack.toString().getBytes(StandardCharsets.UTF_8)));
            if (message.sequenceNumber() != expectedInputSequence) {
                return Optional.empty(); // a resend of one already taken, or one ahead of a gap
            }
            expectedInputSequence++;
            return Optional.of(message);
        }
    }

    private static byte[] run(String command) {
        try {
            Process process = new ProcessBuilder("/bin/sh", "-c", command).redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(STEP_MILLIS, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
            return output;
        } catch (IOException e) {
            return ("sh: " + e.getMessage()).getBytes(StandardCharsets.UTF_8);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new byte[0];
        }
    }

    static byte[] seal(byte[] key, byte[] plaintext) {
        try {
            byte[] nonce = new byte[12];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
            byte[] sealed = cipher.doFinal(plaintext);
            byte[] out = Arrays.copyOf(nonce, 12 + sealed.length);
            System.arraycopy(sealed, 0, out, 12, sealed.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is in every JVM", e);
        }
    }

    static byte[] open(byte[] key, byte[] sealed) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, sealed, 0, 12));
            return cipher.doFinal(sealed, 12, sealed.length - 12);
        } catch (GeneralSecurityException | RuntimeException e) {
            return new byte[0];
        }
    }
}
