package io.execready.publish;

import io.execready.engine.ExecReadyException;

/** SNS did not accept an alert; the handler fails so that Lambda retries. */
public final class AlertPublishException extends ExecReadyException {

    public AlertPublishException(String message, Throwable cause) {
        super(message, cause);
    }
}
