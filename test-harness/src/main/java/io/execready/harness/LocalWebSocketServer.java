package io.execready.harness;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * A minimal RFC 6455 WebSocket server on 127.0.0.1, enough to play the service side of a data
 * channel: the opening handshake (Sec-WebSocket-Accept), text, binary and close frames, masked
 * client frames, fragmented messages, ping answered by pong. No extensions, no subprotocols, no TLS.
 * Each connection runs its handler on a thread of its own.
 */
public final class LocalWebSocketServer implements AutoCloseable {

    private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private final ServerSocket listener;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final Consumer<Connection> handler;

    private LocalWebSocketServer(Consumer<Connection> handler) throws IOException {
        this.handler = handler;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.submit(this::acceptLoop);
    }

    public static LocalWebSocketServer start(Consumer<Connection> handler) {
        try {
            return new LocalWebSocketServer(handler);
        } catch (IOException e) {
            throw new HarnessException("Cannot listen on 127.0.0.1 for the local WebSocket server", e);
        }
    }

    public URI uri(String pathAndQuery) {
        return URI.create("ws://127.0.0.1:" + listener.getLocalPort() + pathAndQuery);
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                threads.submit(() -> serve(socket));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            Connection connection = Connection.accept(socket);
            handler.accept(connection);
        } catch (IOException e) {
            // a client that hung up mid-handshake: nothing to serve
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException e) {
            // closing anyway
        }
        threads.shutdownNow();
    }

    /** The Sec-WebSocket-Accept value for a client's Sec-WebSocket-Key (RFC 6455 section 4.2.2). */
    static String acceptValue(String key) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest((key + ACCEPT_GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-1", e);
        }
    }

    /** A whole message or a close, as the client sent it. */
    public sealed interface Frame {
        record Text(String text) implements Frame {
        }

        record Binary(byte[] bytes) implements Frame {
            public Binary {
                bytes = bytes.clone();
            }

            @Override
            public byte[] bytes() {
                return bytes.clone();
            }
        }

        record Close(int statusCode, String reason) implements Frame {
        }
    }

    /** One accepted WebSocket connection. */
    public static final class Connection {
        private static final int TEXT = 0x1;
        private static final int BINARY = 0x2;
        private static final int CONTINUATION = 0x0;
        private static final int CLOSE = 0x8;
        private static final int PING = 0x9;
        private static final int PONG = 0xA;

        private final Socket socket;
        private final DataInputStream in;
        private final OutputStream out;
        private final String path;
        private boolean closeSent;

        private Connection(Socket socket, String path) throws IOException {
            this.socket = socket;
            this.in = new DataInputStream(socket.getInputStream());
            this.out = socket.getOutputStream();
            this.path = path;
        }

        static Connection accept(Socket socket) throws IOException {
            InputStream in = socket.getInputStream();
            String requestLine = line(in);
            Map<String, String> headers = new LinkedHashMap<>();
            for (String header = line(in); !header.isEmpty(); header = line(in)) {
                int colon = header.indexOf(':');
                if (colon > 0) {
                    headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
                }
            }
            String[] parts = requestLine.split(" ");
            String key = headers.get("sec-websocket-key");
            if (parts.length < 2 || key == null || !"websocket".equalsIgnoreCase(headers.getOrDefault("upgrade", ""))) {
                socket.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                throw new IOException("not a WebSocket upgrade: " + requestLine);
            }
            String response = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + acceptValue(key) + "\r\n\r\n";
            socket.getOutputStream().write(response.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return new Connection(socket, parts[1]);
        }

        /** The request's path and query, e.g. {@code /v1/data-channel/session-1?role=publish_subscribe}. */
        public String path() {
            return path;
        }

        /**
         * The next whole message, waiting at most {@code timeoutMillis}; empty on timeout. A socket the
         * client dropped reads as a close with status 1006, as RFC 6455 names it.
         */
        public java.util.Optional<Frame> read(int timeoutMillis) {
            try {
                socket.setSoTimeout(timeoutMillis);
                return java.util.Optional.of(readMessage());
            } catch (java.net.SocketTimeoutException e) {
                return java.util.Optional.empty();
            } catch (EOFException | SocketException e) {
                return java.util.Optional.of(new Frame.Close(1006, "connection dropped"));
            } catch (IOException e) {
                return java.util.Optional.of(new Frame.Close(1006, e.getMessage()));
            }
        }

        private Frame readMessage() throws IOException {
            ByteArrayOutputStream message = new ByteArrayOutputStream();
            int messageOpcode = -1;
            while (true) {
                int first = in.readUnsignedByte();
                int second = in.readUnsignedByte();
                boolean fin = (first & 0x80) != 0;
                int opcode = first & 0x0F;
                boolean masked = (second & 0x80) != 0;
                long length = second & 0x7F;
                if (length == 126) {
                    length = in.readUnsignedShort();
                } else if (length == 127) {
                    length = in.readLong();
                }
                if (!masked) {
                    throw new IOException("client frame without a mask (RFC 6455 section 5.1)");
                }
                byte[] mask = in.readNBytes(4);
                byte[] payload = new byte[Math.toIntExact(length)];
                in.readFully(payload);
                for (int i = 0; i < payload.length; i++) {
                    payload[i] ^= mask[i % 4];
                }
                switch (opcode) {
                    case PING -> write(PONG, payload);
                    case PONG -> { }
                    case CLOSE -> {
                        int status = payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
                        String reason = payload.length > 2 ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "";
                        if (!closeSent) {
                            write(CLOSE, java.util.Arrays.copyOf(payload, Math.min(payload.length, 2)));
                            closeSent = true;
                        }
                        return new Frame.Close(status, reason);
                    }
                    default -> {
                        if (opcode != CONTINUATION) {
                            messageOpcode = opcode;
                        }
                        message.writeBytes(payload);
                        if (fin) {
                            return messageOpcode == TEXT
                                    ? new Frame.Text(message.toString(StandardCharsets.UTF_8))
                                    : new Frame.Binary(message.toByteArray());
                        }
                    }
                }
            }
        }

        public void sendText(String text) throws IOException {
            write(TEXT, text.getBytes(StandardCharsets.UTF_8));
        }

        public void sendBinary(byte[] bytes) throws IOException {
            write(BINARY, bytes);
        }

        /** Sends a close frame with {@code statusCode} and {@code reason}; the client's answer is read by {@link #read}. */
        public void close(int statusCode, String reason) throws IOException {
            byte[] text = reason.getBytes(StandardCharsets.UTF_8);
            byte[] payload = new byte[2 + text.length];
            payload[0] = (byte) (statusCode >> 8);
            payload[1] = (byte) statusCode;
            System.arraycopy(text, 0, payload, 2, text.length);
            write(CLOSE, payload);
            closeSent = true;
        }

        private synchronized void write(int opcode, byte[] payload) throws IOException {
            ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 10);
            frame.write(0x80 | opcode);
            if (payload.length < 126) {
                frame.write(payload.length);
            } else if (payload.length <= 0xFFFF) {
                frame.write(126);
                frame.write(payload.length >> 8);
                frame.write(payload.length);
            } else {
                frame.write(127);
                for (int shift = 56; shift >= 0; shift -= 8) {
                    frame.write((int) ((long) payload.length >> shift));
                }
            }
            frame.writeBytes(payload);
            out.write(frame.toByteArray());
            out.flush();
        }

        private static String line(InputStream in) throws IOException {
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new EOFException("connection closed during the opening handshake");
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }
    }
}
