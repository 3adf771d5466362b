package io.execready.probe;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Objects;
import java.util.UUID;

/**
 * One binary message of the Session Manager data channel. Big-endian header of 116 bytes (header
 * length, message type padded with spaces to 32 bytes, schema version, created date in epoch
 * millis, sequence number, flags, message id, SHA-256 of the payload, payload type), then the
 * payload length and the payload. The message id goes on the wire low half first, as the plugin
 * writes it.
 */
record ClientMessage(String messageType, int schemaVersion, long createdDate, long sequenceNumber, long flags,
                     UUID messageId, int payloadType, byte[] payload) {

    static final String INPUT_STREAM_DATA = "input_stream_data";
    static final String OUTPUT_STREAM_DATA = "output_stream_data";
    static final String ACKNOWLEDGE = "acknowledge";
    static final String CHANNEL_CLOSED = "channel_closed";

    static final int HEADER_LENGTH = 116;
    private static final int MESSAGE_TYPE_LENGTH = 32;
    private static final int DIGEST_OFFSET = 80;
    private static final int DIGEST_LENGTH = 32;

    ClientMessage {
        Objects.requireNonNull(messageType, "messageType");
        Objects.requireNonNull(messageId, "messageId");
        payload = payload.clone();
        if (messageType.getBytes(StandardCharsets.UTF_8).length > MESSAGE_TYPE_LENGTH) {
            throw new IllegalArgumentException("message type longer than 32 bytes: " + messageType);
        }
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    String payloadText() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    byte[] encode() {
        ByteBuffer buffer = ByteBuffer.allocate(HEADER_LENGTH + 4 + payload.length);
        buffer.putInt(HEADER_LENGTH);
        byte[] type = Arrays.copyOf(messageType.getBytes(StandardCharsets.UTF_8), MESSAGE_TYPE_LENGTH);
        Arrays.fill(type, messageType.getBytes(StandardCharsets.UTF_8).length, MESSAGE_TYPE_LENGTH, (byte) ' ');
        buffer.put(type);
        buffer.putInt(schemaVersion);
        buffer.putLong(createdDate);
        buffer.putLong(sequenceNumber);
        buffer.putLong(flags);
        buffer.putLong(messageId.getLeastSignificantBits());
        buffer.putLong(messageId.getMostSignificantBits());
        buffer.put(sha256(payload));
        buffer.putInt(payloadType);
        buffer.putInt(payload.length);
        buffer.put(payload);
        return buffer.array();
    }

    /** Reads one message, refusing a truncated one and one whose payload does not match its digest. */
    static ClientMessage decode(byte[] frame) throws MalformedMessageException {
        if (frame.length < HEADER_LENGTH + 4) {
            throw new MalformedMessageException("message of " + frame.length + " bytes is shorter than its header");
        }
        ByteBuffer buffer = ByteBuffer.wrap(frame);
        int headerLength = buffer.getInt();
        byte[] type = new byte[MESSAGE_TYPE_LENGTH];
        buffer.get(type);
        int schemaVersion = buffer.getInt();
        long createdDate = buffer.getLong();
        long sequenceNumber = buffer.getLong();
        long flags = buffer.getLong();
        long low = buffer.getLong();
        long high = buffer.getLong();
        byte[] digest = new byte[DIGEST_LENGTH];
        buffer.get(digest);
        int payloadType = buffer.getInt();
        if (headerLength < HEADER_LENGTH || headerLength + 4 > frame.length) {
            throw new MalformedMessageException("header length " + headerLength + " does not fit a message of "
                    + frame.length + " bytes");
        }
        int payloadLength = ByteBuffer.wrap(frame, headerLength, 4).getInt();
        int payloadOffset = headerLength + 4;
        if (payloadLength < 0 || payloadOffset + payloadLength != frame.length) {
            throw new MalformedMessageException("payload length " + payloadLength + " does not match a message of "
                    + frame.length + " bytes");
        }
        byte[] payload = Arrays.copyOfRange(frame, payloadOffset, frame.length);
        String messageType = new String(type, StandardCharsets.UTF_8).replace("\0", "").trim();
        if (payloadLength > 0 && !MessageDigest.isEqual(digest, sha256(payload))) {
            throw new MalformedMessageException("payload digest mismatch on " + messageType + " message "
                    + sequenceNumber);
        }
        return new ClientMessage(messageType, schemaVersion, createdDate, sequenceNumber, flags,
                new UUID(high, low), payloadType, payload);
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** A message that cannot be read as the protocol defines it. */
    static final class MalformedMessageException extends Exception {
        MalformedMessageException(String message) {
            super(message);
        }
    }
}
