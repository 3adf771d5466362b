package io.execready.harness;

import static org.assertj.core.api.Assertions.assertThat;

import io.execready.harness.LocalWebSocketServer.Frame;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The minimal server against the JDK's own WebSocket client: handshake, masked frames of every length form, close. */
class LocalWebSocketServerTest {

    @Test
    void computesTheAcceptValueOfRfc6455sExample() {
        assertThat(LocalWebSocketServer.acceptValue("dGhlIHNhbXBsZSBub25jZQ==")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
    }

    @Test
    void echoesTextAndBinaryOfEachLengthFormAndAnswersAClose() throws Exception {
        LinkedBlockingQueue<Object> echoed = new LinkedBlockingQueue<>();
        CompletableFuture<String> path = new CompletableFuture<>();
        CompletableFuture<Frame.Close> closeSeen = new CompletableFuture<>();
        try (LocalWebSocketServer server = LocalWebSocketServer.start(connection -> {
            path.complete(connection.path());
            try {
                for (Optional<Frame> frame = connection.read(10_000); frame.isPresent(); frame = connection.read(10_000)) {
                    switch (frame.get()) {
                        case Frame.Text text -> connection.sendText(text.text());
                        case Frame.Binary binary -> connection.sendBinary(binary.bytes());
                        case Frame.Close close -> {
                            closeSeen.complete(close);
                            return;
                        }
                    }
                }
            } catch (java.io.IOException e) {
                closeSeen.completeExceptionally(e);
            }
        })) {
            WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(server.uri("/v1/data-channel/s-1?role=publish_subscribe"), new Collector(echoed))
                    .get(10, TimeUnit.SECONDS);
            byte[] medium = new byte[300];
            byte[] large = new byte[70_000];
            Arrays.fill(large, (byte) 7);
            socket.sendText("hello", true).get(10, TimeUnit.SECONDS);
            socket.sendBinary(ByteBuffer.wrap(medium), true).get(10, TimeUnit.SECONDS);
            socket.sendBinary(ByteBuffer.wrap(large), true).get(10, TimeUnit.SECONDS);

            assertThat(echoed.poll(10, TimeUnit.SECONDS)).isEqualTo("hello");
            assertThat((byte[]) echoed.poll(10, TimeUnit.SECONDS)).isEqualTo(medium);
            assertThat((byte[]) echoed.poll(10, TimeUnit.SECONDS)).isEqualTo(large);
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(10, TimeUnit.SECONDS);
            assertThat(closeSeen.get(10, TimeUnit.SECONDS)).isEqualTo(new Frame.Close(1000, "bye"));
            assertThat(echoed.poll(10, TimeUnit.SECONDS)).as("the server's close answer").isEqualTo(1000);
            assertThat(path.get()).isEqualTo("/v1/data-channel/s-1?role=publish_subscribe");
        }
    }

    private record Collector(LinkedBlockingQueue<Object> echoed) implements WebSocket.Listener {
        private static final java.io.ByteArrayOutputStream BINARY = new java.io.ByteArrayOutputStream();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            echoed.add(data.toString());
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] chunk = new byte[data.remaining()];
            data.get(chunk);
            BINARY.writeBytes(chunk);
            if (last) {
                echoed.add(BINARY.toByteArray());
                BINARY.reset();
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            echoed.add(statusCode);
            return null;
        }
    }
}
