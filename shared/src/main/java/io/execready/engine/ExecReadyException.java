package io.execready.engine;

/**
 * The root of ExecReady's own exceptions. Unchecked: a handler lets it escape so that Lambda
 * retries the invocation and, when retries run out, sends the event to the dead-letter queue.
 */
public class ExecReadyException extends RuntimeException {

    public ExecReadyException(String message) {
        super(message);
    }

    public ExecReadyException(String message, Throwable cause) {
        super(message, cause);
    }
}
