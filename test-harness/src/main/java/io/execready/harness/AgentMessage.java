package io.execready.harness;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.UUID;

/**
 * The agent's reading of a Session Manager data-channel message, written apart from the product's
 * client so that a test of one checks the other: 116-byte big-endian header (header length,
 * message type padded with spaces, schema version, created date, sequence number, flags, message
 * id low half first, SHA-256 payload digest, payload type), payload length, payload.
 */
record AgentMessage(String messageType, long sequenceNumber, long flags, UUID messageId, int payloadType,
                    byte[] payload, boolean digestMatches) {

    static final int HEADER_LENGTH = 116;

    static AgentMessage read(byte[] frame) {
        ByteBuffer buffer = ByteBuffer.wrap(frame);
        int headerLength = buffer.getInt(0);
        String type = new String(frame, 4, 32, StandardCharsets.UTF_8).trim();
        long sequence = buffer.getLong(48);
        long flags = buffer.getLong(56);
        UUID id = new UUID(buffer.getLong(72), buffer.getLong(64));
        byte[] digest = Arrays.copyOfRange(frame, 80, 112);
        int payloadType = buffer.getInt(112);
        int payloadLength = buffer.getInt(headerLength);
        byte[] payload = Arrays.copyOfRange(frame, headerLength + 4, headerLength + 4 + payloadLength);
        return new AgentMessage(type, sequence, flags, id, payloadType, payload, Arrays.equals(digest, sha256(payload)));
    }

    static byte[] write(String messageType, long sequenceNumber, long flags, int payloadType, byte[] payload) {
        ByteBuffer buffer = ByteBuffer.allocate(HEADER_LENGTH + 4 + payload.length);
        byte[] type = new byte[32];
        Arrays.fill(type, (byte) ' ');
        byte[] name = messageType.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(name, 0, type, 0, name.length);
        UUID id = UUID.randomUUID();
        buffer.putInt(HEADER_LENGTH).put(type).putInt(1).putLong(System.currentTimeMillis()).putLong(sequenceNumber)
                .putLong(flags).putLong(id.getLeastSignificantBits()).putLong(id.getMostSignificantBits())
                .put(sha256(payload)).putInt(payloadType).putInt(payload.length).put(payload);
        return buffer.array();
    }

    String text() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
