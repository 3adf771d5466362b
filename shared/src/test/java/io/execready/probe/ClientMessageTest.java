package io.execready.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ClientMessageTest {

    private static final UUID ID = UUID.fromString("00112233-4455-6677-8899-aabbccddeeff");
    private final ClientMessage message = new ClientMessage(ClientMessage.INPUT_STREAM_DATA, 1, 1_700_000_000_123L, 7, 0,
            ID, 6, "{\"a\":1}".getBytes(StandardCharsets.UTF_8));

    @Test
    void laysTheHeaderOutAsThePluginDoes() {
        byte[] bytes = message.encode();
        ByteBuffer buffer = ByteBuffer.wrap(bytes);

        assertThat(bytes).hasSize(116 + 4 + 7);
        assertThat(buffer.getInt(0)).isEqualTo(116);
        assertThat(new String(bytes, 4, 32, StandardCharsets.UTF_8)).isEqualTo("input_stream_data               ");
        assertThat(buffer.getInt(36)).isEqualTo(1);
        assertThat(buffer.getLong(40)).isEqualTo(1_700_000_000_123L);
        assertThat(buffer.getLong(48)).isEqualTo(7);
        assertThat(HexFormat.of().formatHex(bytes, 64, 80)).as("low half of the id first")
                .isEqualTo("8899aabbccddeeff0011223344556677");
        assertThat(HexFormat.of().formatHex(bytes, 80, 112))
                .isEqualTo(HexFormat.of().formatHex(ClientMessage.sha256("{\"a\":1}".getBytes(StandardCharsets.UTF_8))));
        assertThat(buffer.getInt(112)).isEqualTo(6);
        assertThat(buffer.getInt(116)).isEqualTo(7);
    }

    @Test
    void readsBackWhatItWrites() throws Exception {
        ClientMessage read = ClientMessage.decode(message.encode());

        assertThat(read.messageType()).isEqualTo("input_stream_data");
        assertThat(read.messageId()).isEqualTo(ID);
        assertThat(read.sequenceNumber()).isEqualTo(7);
        assertThat(read.payloadText()).isEqualTo("{\"a\":1}");
    }

    @Test
    void refusesAPayloadThatDoesNotMatchItsDigest() {
        byte[] bytes = message.encode();
        bytes[bytes.length - 1] ^= 1;

        assertThatThrownBy(() -> ClientMessage.decode(bytes))
                .hasMessage("payload digest mismatch on input_stream_data message 7");
    }

    @Test
    void refusesATruncatedMessage() {
        byte[] bytes = message.encode();

        assertThatThrownBy(() -> ClientMessage.decode(java.util.Arrays.copyOf(bytes, bytes.length - 2)))
                .hasMessage("payload length 7 does not match a message of 125 bytes");
        assertThatThrownBy(() -> ClientMessage.decode(new byte[40]))
                .hasMessage("message of 40 bytes is shorter than its header");
    }
}
