package io.execready.probe;

import java.time.Duration;
import java.util.Optional;

/** The WebSocket under the data channel, reduced to what the protocol needs. */
interface StreamChannel extends AutoCloseable {

    void sendText(String text) throws ProbeFailure;

    void sendBinary(byte[] bytes) throws ProbeFailure;

    /** The next whole frame, or empty when none arrived within {@code wait}. */
    Optional<Inbound> receive(Duration wait) throws InterruptedException;

    /** Closes the socket with a normal close; never throws. */
    @Override
    void close();

    /** What the service sent. */
    sealed interface Inbound {
        record Binary(byte[] bytes) implements Inbound {
            public Binary {
                bytes = bytes.clone();
            }

            @Override
            public byte[] bytes() {
                return bytes.clone();
            }
        }

        record Text(String text) implements Inbound {
        }

        record Closed(int statusCode, String reason) implements Inbound {
        }

        record Broken(String error) implements Inbound {
        }
    }
}
