package io.execready.probe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.execready.probe.ClientMessage.MalformedMessageException;
import io.execready.probe.StreamChannel.Inbound;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The client side of one Session Manager data channel, from the open-data-channel message to the
 * sentinel in the command's output. Follows the plugin's rules: every output_stream_data message is
 * acknowledged and handled in sequence order (later ones wait in a buffer), every input message
 * waits in an outgoing buffer until the agent acknowledges it and is sent again when it does not.
 * Unlike the plugin, a message that fails its digest stops the probe: a probe's job is to report it.
 */
final class DataChannelConversation {

    static final String CLIENT_VERSION = "1.2.0.0-execready-probe";
    private static final String KMS_ENCRYPTION = "KMSEncryption";
    private static final String SESSION_TYPE = "SessionType";
    private static final int ACTION_SUCCESS = 1;
    private static final int ACTION_FAILED = 2;
    private static final int ACTION_UNSUPPORTED = 3;
    private static final int OUTPUT_SHOWN = 200;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StreamChannel channel;
    private final ExecSession session;
    private final String sentinel;
    private final DataKeySource dataKeys;
    private final ProbeTimeouts timeouts;
    private final Clock clock;

    private final Deque<Pending> unacknowledged = new ArrayDeque<>();
    private final Map<Long, ClientMessage> early = new TreeMap<>();
    private final StringBuilder output = new StringBuilder();
    private long nextInputSequence;
    private long expectedOutputSequence;
    private ProbePhase phase = ProbePhase.WEBSOCKET;
    private SessionCipher cipher;
    private boolean sentinelSeen;
    private boolean heardFromService;

    DataChannelConversation(StreamChannel channel, ExecSession session, String sentinel, DataKeySource dataKeys,
                            ProbeTimeouts timeouts, Clock clock) {
        this.channel = channel;
        this.session = session;
        this.sentinel = sentinel;
        this.dataKeys = dataKeys;
        this.timeouts = timeouts;
        this.clock = clock;
    }

    /** Runs until the sentinel arrives; throws with the phase and the exact error otherwise. */
    void readSentinel(Instant overallDeadline) throws ProbeFailure, InterruptedException {
        channel.sendText(openDataChannelMessage());
        phase = ProbePhase.HANDSHAKE;
        Instant deadline = earliest(clock.instant().plus(timeouts.handshake()), overallDeadline);
        while (!sentinelSeen) {
            Duration wait = Duration.between(clock.instant(), earliest(deadline, nextResendAt()));
            Optional<Inbound> frame = channel.receive(wait.isNegative() ? Duration.ZERO : wait);
            if (frame.isPresent()) {
                boolean wasHandshaking = phase != ProbePhase.COMMAND;
                handle(frame.get());
                if (wasHandshaking && phase == ProbePhase.COMMAND) {
                    deadline = earliest(clock.instant().plus(timeouts.command()), overallDeadline);
                }
            }
            resendUnacknowledged();
            if (!sentinelSeen && !clock.instant().isBefore(deadline)) {
                throw new ProbeFailure(phase, timeoutMessage(deadline.equals(overallDeadline)));
            }
        }
    }

    private String timeoutMessage(boolean overall) {
        String limit = overall ? "the probe's overall timeout of " + timeouts.overall().toMillis() + " ms"
                : phase == ProbePhase.COMMAND ? timeouts.command().toMillis() + " ms" : timeouts.handshake().toMillis() + " ms";
        return switch (phase) {
            case HANDSHAKE -> heardFromService ? "the agent's handshake did not complete within " + limit
                    : "no handshake request from the agent within " + limit + " of opening the data channel";
            case ENCRYPTION -> "the encryption challenge did not complete within " + limit;
            case COMMAND -> "the sentinel did not appear in the command's output within " + limit + "; output so far: '"
                    + shown(output) + "'";
            case EXECUTE_COMMAND, WEBSOCKET -> "timed out after " + limit;
        };
    }

    private String openDataChannelMessage() throws ProbeFailure {
        ObjectNode open = JSON.createObjectNode()
                .put("MessageSchemaVersion", "1.0")
                .put("RequestId", UUID.randomUUID().toString())
                .put("TokenValue", session.tokenValue())
                .put("ClientId", UUID.randomUUID().toString())
                .put("ClientVersion", CLIENT_VERSION);
        return open.toString();
    }

    private void handle(Inbound frame) throws ProbeFailure {
        switch (frame) {
            // Closed before a single message: the service refused the channel itself (the token, the URL).
            case Inbound.Closed closed -> throw new ProbeFailure(heardFromService ? phase : ProbePhase.WEBSOCKET,
                    "the service closed the data channel ("
                    + closed.statusCode() + (closed.reason().isEmpty() ? "" : ": " + closed.reason()) + ")");
            case Inbound.Broken broken -> throw new ProbeFailure(phase, "the data channel broke: " + broken.error());
            case Inbound.Text text -> throw new ProbeFailure(phase, "the service sent text where the protocol has binary messages: "
                    + shown(new StringBuilder(text.text())));
            case Inbound.Binary binary -> handle(decode(binary.bytes()));
        }
    }

    private ClientMessage decode(byte[] bytes) throws ProbeFailure {
        try {
            return ClientMessage.decode(bytes);
        } catch (MalformedMessageException e) {
            throw new ProbeFailure(phase, e.getMessage());
        }
    }

    private void handle(ClientMessage message) throws ProbeFailure {
        heardFromService = true;
        switch (message.messageType()) {
            case ClientMessage.ACKNOWLEDGE -> acknowledged(message);
            case ClientMessage.OUTPUT_STREAM_DATA -> received(message);
            case ClientMessage.CHANNEL_CLOSED -> throw new ProbeFailure(phase, "the agent closed the channel: "
                    + json(message).path("Output").asText(""));
            default -> { } // start_publication and pause_publication carry nothing a probe needs
        }
    }

    private void acknowledged(ClientMessage message) throws ProbeFailure {
        long sequence = json(message).path("AcknowledgedMessageSequenceNumber").asLong(-1);
        unacknowledged.removeIf(pending -> pending.sequenceNumber() == sequence);
    }

    private void received(ClientMessage message) throws ProbeFailure {
        if (message.sequenceNumber() < expectedOutputSequence) {
            acknowledge(message); // a resend of one already handled: the agent missed our ack
            return;
        }
        acknowledge(message);
        early.put(message.sequenceNumber(), message);
        while (early.containsKey(expectedOutputSequence)) {
            ClientMessage next = early.remove(expectedOutputSequence);
            expectedOutputSequence++;
            process(next);
        }
    }

    private void acknowledge(ClientMessage message) throws ProbeFailure {
        ObjectNode content = JSON.createObjectNode()
                .put("AcknowledgedMessageType", message.messageType())
                .put("AcknowledgedMessageId", message.messageId().toString())
                .put("AcknowledgedMessageSequenceNumber", message.sequenceNumber())
                .put("IsSequentialMessage", true);
        ClientMessage ack = new ClientMessage(ClientMessage.ACKNOWLEDGE, 1, clock.millis(), 0, 3,
                UUID.randomUUID(), 0, content.toString().getBytes(StandardCharsets.UTF_8));
        channel.sendBinary(ack.encode());
    }

    private void process(ClientMessage message) throws ProbeFailure {
        Optional<PayloadType> type = PayloadType.ofCode(message.payloadType());
        if (type.isEmpty()) {
            return;
        }
        switch (type.get()) {
            case HANDSHAKE_REQUEST -> answerHandshake(json(message));
            case ENCRYPTION_CHALLENGE_REQUEST -> answerChallenge(json(message));
            case HANDSHAKE_COMPLETE -> handshakeComplete();
            case OUTPUT -> output(message.payload());
            default -> { } // stderr, exit code, flags: the sentinel comes on stdout
        }
    }

    private void answerHandshake(JsonNode request) throws ProbeFailure {
        ArrayNode processed = JSON.createArrayNode();
        ArrayNode errors = JSON.createArrayNode();
        for (JsonNode action : request.path("RequestedClientActions")) {
            String actionType = action.path("ActionType").asText();
            ObjectNode result = processed.addObject().put("ActionType", actionType);
            switch (actionType) {
                case KMS_ENCRYPTION -> {
                    phase = ProbePhase.ENCRYPTION;
                    byte[] cipherTextKey = startEncryption(action.path("ActionParameters").path("KMSKeyId").asText());
                    result.put("ActionStatus", ACTION_SUCCESS);
                    result.putObject("ActionResult").put("KMSCipherTextKey", Base64.getEncoder().encodeToString(cipherTextKey));
                }
                case SESSION_TYPE -> result.put("ActionStatus", ACTION_SUCCESS);
                default -> {
                    result.put("ActionStatus", ACTION_UNSUPPORTED).put("Error", "Unsupported action " + actionType);
                    errors.add("Unsupported action " + actionType);
                }
            }
        }
        ObjectNode response = JSON.createObjectNode().put("ClientVersion", CLIENT_VERSION);
        response.set("ProcessedClientActions", processed);
        response.set("Errors", errors);
        sendInput(PayloadType.HANDSHAKE_RESPONSE, response.toString().getBytes(StandardCharsets.UTF_8));
    }

    private byte[] startEncryption(String keyId) throws ProbeFailure {
        Map<String, String> context = Map.of("aws:ssm:SessionId", session.sessionId(), "aws:ssm:TargetId", session.targetId());
        try {
            DataKeySource.DataKey key = dataKeys.generate(keyId, context);
            cipher = new SessionCipher(key.plaintext());
            return key.ciphertextBlob();
        } catch (Exception e) {
            throw new ProbeFailure(ProbePhase.ENCRYPTION, "kms:GenerateDataKey on " + keyId + " failed: " + e.getMessage());
        }
    }

    private void answerChallenge(JsonNode request) throws ProbeFailure {
        phase = ProbePhase.ENCRYPTION;
        if (cipher == null) {
            throw new ProbeFailure(ProbePhase.ENCRYPTION, "the agent sent an encryption challenge but never asked for a KMS key");
        }
        byte[] challenge = Base64.getDecoder().decode(request.path("Challenge").asText(""));
        byte[] answer;
        try {
            answer = cipher.encrypt(cipher.decrypt(challenge));
        } catch (GeneralSecurityException e) {
            throw new ProbeFailure(ProbePhase.ENCRYPTION, "the agent's encryption challenge does not decrypt with the session key: "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"));
        }
        ObjectNode response = JSON.createObjectNode().put("Challenge", Base64.getEncoder().encodeToString(answer));
        sendInput(PayloadType.ENCRYPTION_CHALLENGE_RESPONSE, response.toString().getBytes(StandardCharsets.UTF_8));
    }

    private void handshakeComplete() throws ProbeFailure {
        phase = ProbePhase.COMMAND;
        // The plugin tells an interactive session its terminal size once the handshake completes.
        sendInput(PayloadType.SIZE, "{\"cols\":80,\"rows\":24}".getBytes(StandardCharsets.UTF_8));
    }

    private void output(byte[] payload) throws ProbeFailure {
        byte[] plain = payload;
        if (cipher != null) {
            try {
                plain = cipher.decrypt(payload);
            } catch (GeneralSecurityException e) {
                throw new ProbeFailure(ProbePhase.ENCRYPTION, "command output does not decrypt with the session key: "
                        + e.getClass().getSimpleName());
            }
        }
        output.append(new String(plain, StandardCharsets.UTF_8));
        sentinelSeen = output.indexOf(sentinel) >= 0;
    }

    private void sendInput(PayloadType type, byte[] payload) throws ProbeFailure {
        ClientMessage message = new ClientMessage(ClientMessage.INPUT_STREAM_DATA, 1, clock.millis(), nextInputSequence, 0,
                UUID.randomUUID(), type.code(), payload);
        byte[] bytes = message.encode();
        channel.sendBinary(bytes);
        unacknowledged.addLast(new Pending(nextInputSequence, type, bytes, clock.instant(), 0));
        nextInputSequence++;
    }

    private Instant nextResendAt() {
        return unacknowledged.isEmpty() ? Instant.MAX : unacknowledged.peekFirst().sentAt().plus(timeouts.acknowledgement());
    }

    private void resendUnacknowledged() throws ProbeFailure {
        Pending oldest = unacknowledged.peekFirst();
        if (oldest == null || clock.instant().isBefore(oldest.sentAt().plus(timeouts.acknowledgement()))) {
            return;
        }
        if (oldest.resends() >= timeouts.resends()) {
            throw new ProbeFailure(phaseOf(oldest.type()), "the agent did not acknowledge input message " + oldest.sequenceNumber() + " ("
                    + oldest.type() + ") after " + oldest.resends() + " resends");
        }
        channel.sendBinary(oldest.bytes());
        unacknowledged.removeFirst();
        unacknowledged.addFirst(new Pending(oldest.sequenceNumber(), oldest.type(), oldest.bytes(), clock.instant(),
                oldest.resends() + 1));
    }

    /** The phase an input message belongs to, whatever the conversation moved on to since it was sent. */
    private static ProbePhase phaseOf(PayloadType type) {
        return switch (type) {
            case HANDSHAKE_RESPONSE -> ProbePhase.HANDSHAKE;
            case ENCRYPTION_CHALLENGE_RESPONSE -> ProbePhase.ENCRYPTION;
            default -> ProbePhase.COMMAND;
        };
    }

    private JsonNode json(ClientMessage message) throws ProbeFailure {
        try {
            return JSON.readTree(message.payload());
        } catch (java.io.IOException e) {
            throw new ProbeFailure(phase, "unreadable JSON in a " + message.messageType() + " message: " + e.getMessage());
        }
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static String shown(CharSequence text) {
        String flat = text.toString().replaceAll("\\p{Cntrl}", " ");
        return flat.length() <= OUTPUT_SHOWN ? flat : flat.substring(flat.length() - OUTPUT_SHOWN);
    }

    private record Pending(long sequenceNumber, PayloadType type, byte[] bytes, Instant sentAt, int resends) {
    }
}
