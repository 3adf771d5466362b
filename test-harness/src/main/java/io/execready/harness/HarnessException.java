package io.execready.harness;

/** The one failure the test harness throws: an emulator or a Lambda function that did not behave. */
public final class HarnessException extends RuntimeException {

    public HarnessException(String message) {
        super(message);
    }

    public HarnessException(String message, Throwable cause) {
        super(message, cause);
    }
}
