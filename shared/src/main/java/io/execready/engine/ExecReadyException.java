package io.execready.engine;

/** Root of the checker's own unchecked exceptions. */
public class ExecReadyException extends RuntimeException {

    public ExecReadyException(String message) {
        super(message);
    }

    public ExecReadyException(String message, Throwable cause) {
        super(message, cause);
    }
}
