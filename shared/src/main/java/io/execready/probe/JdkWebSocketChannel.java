package io.execready.probe;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** {@link StreamChannel} over the JDK's WebSocket client; frames are queued whole, in arrival order. */
final class JdkWebSocketChannel implements StreamChannel {

    private final BlockingQueue<Inbound> inbound = new LinkedBlockingQueue<>();
    private final WebSocket socket;
    private final Duration sendTimeout;

    private JdkWebSocketChannel(URI uri, Duration connectTimeout) throws ProbeFailure {
        this.sendTimeout = connectTimeout;
        HttpClient client = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
        try {
            this.socket = client.newWebSocketBuilder()
                    .connectTimeout(connectTimeout)
                    .buildAsync(uri, new Listener())
                    .get(connectTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new ProbeFailure(ProbePhase.WEBSOCKET, "cannot open " + withoutQuery(uri) + ": " + describe(e.getCause()));
        } catch (TimeoutException e) {
            throw new ProbeFailure(ProbePhase.WEBSOCKET, "cannot open " + withoutQuery(uri) + ": no answer within "
                    + connectTimeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProbeFailure(ProbePhase.WEBSOCKET, "interrupted while opening " + withoutQuery(uri));
        }
    }

    static JdkWebSocketChannel open(URI uri, Duration connectTimeout) throws ProbeFailure {
        return new JdkWebSocketChannel(uri, connectTimeout);
    }

    @Override
    public void sendText(String text) throws ProbeFailure {
        await(socket.sendText(text, true), "text frame");
    }

    @Override
    public void sendBinary(byte[] bytes) throws ProbeFailure {
        await(socket.sendBinary(ByteBuffer.wrap(bytes), true), "binary frame");
    }

    private void await(CompletionStage<WebSocket> sending, String what) throws ProbeFailure {
        try {
            sending.toCompletableFuture().get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new ProbeFailure(ProbePhase.WEBSOCKET, "cannot send a " + what + ": " + describe(e.getCause()));
        } catch (TimeoutException e) {
            throw new ProbeFailure(ProbePhase.WEBSOCKET, "a " + what + " was not sent within " + sendTimeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProbeFailure(ProbePhase.WEBSOCKET, "interrupted while sending a " + what);
        }
    }

    @Override
    public Optional<Inbound> receive(Duration wait) throws InterruptedException {
        return Optional.ofNullable(inbound.poll(Math.max(0, wait.toMillis()), TimeUnit.MILLISECONDS));
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            try {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "probe done").get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
                awaitServerClose();
            } catch (ExecutionException | TimeoutException e) {
                // the socket is going anyway
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        socket.abort();
    }

    /**
     * Completes the closing handshake: drops what is still queued until the service's close frame.
     * Aborting earlier, with unread bytes, resets the connection and the service never sees the close.
     */
    private void awaitServerClose() throws InterruptedException {
        long deadline = System.nanoTime() + sendTimeout.toNanos();
        for (Inbound next = inbound.poll(); !(next instanceof Inbound.Closed) && !(next instanceof Inbound.Broken)
                && System.nanoTime() < deadline; next = inbound.poll(1, TimeUnit.MILLISECONDS)) {
            // discard
        }
    }

    private static String withoutQuery(URI uri) {
        return uri.getScheme() + "://" + uri.getAuthority() + uri.getPath();
    }

    private static String describe(Throwable error) {
        return error.getClass().getSimpleName() + (error.getMessage() == null ? "" : ": " + error.getMessage());
    }

    private final class Listener implements WebSocket.Listener {
        private final ByteArrayOutputStream binary = new ByteArrayOutputStream();
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] chunk = new byte[data.remaining()];
            data.get(chunk);
            binary.writeBytes(chunk);
            if (last) {
                inbound.add(new Inbound.Binary(binary.toByteArray()));
                binary.reset();
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                inbound.add(new Inbound.Text(text.toString()));
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            inbound.add(new Inbound.Closed(statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            inbound.add(new Inbound.Broken(describe(error)));
        }
    }
}
