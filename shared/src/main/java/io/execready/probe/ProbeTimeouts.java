package io.execready.probe;

import java.time.Duration;
import java.util.Objects;

/**
 * How long each phase may take; {@code overall} bounds them all, so a probe never outlives it.
 * An input message not acknowledged within {@code acknowledgement} is sent again, at most
 * {@code resends} times; the plugin does the same with its retransmission timeout.
 */
public record ProbeTimeouts(Duration overall, Duration executeCommand, Duration connect, Duration handshake,
                            Duration command, Duration acknowledgement, int resends) {

    public ProbeTimeouts {
        Objects.requireNonNull(overall, "overall");
        Objects.requireNonNull(executeCommand, "executeCommand");
        Objects.requireNonNull(connect, "connect");
        Objects.requireNonNull(handshake, "handshake");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(acknowledgement, "acknowledgement");
        if (resends < 0) {
            throw new IllegalArgumentException("resends must not be negative: " + resends);
        }
    }

    /** Fits a Lambda function's budget: the whole probe within 25 seconds. */
    public static ProbeTimeouts standard() {
        return new ProbeTimeouts(Duration.ofSeconds(25), Duration.ofSeconds(8), Duration.ofSeconds(5),
                Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(1), 3);
    }
}
