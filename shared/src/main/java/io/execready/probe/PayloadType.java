package io.execready.probe;

import java.util.Arrays;
import java.util.Optional;

/** The payload types of the Session Manager data channel, with their wire codes. */
enum PayloadType {
    OUTPUT(1), ERROR(2), SIZE(3), PARAMETER(4), HANDSHAKE_REQUEST(5), HANDSHAKE_RESPONSE(6), HANDSHAKE_COMPLETE(7),
    ENCRYPTION_CHALLENGE_REQUEST(8), ENCRYPTION_CHALLENGE_RESPONSE(9), FLAG(10), STDERR(11), EXIT_CODE(12);

    private final int code;

    PayloadType(int code) {
        this.code = code;
    }

    int code() {
        return code;
    }

    static Optional<PayloadType> ofCode(int code) {
        return Arrays.stream(values()).filter(type -> type.code == code).findFirst();
    }
}
