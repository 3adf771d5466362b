package io.execready.state;

import io.execready.engine.ExecReadyException;

/** The subject store could not be read or written; the invocation fails so that Lambda retries it. */
public final class StateStoreException extends ExecReadyException {

    public StateStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
