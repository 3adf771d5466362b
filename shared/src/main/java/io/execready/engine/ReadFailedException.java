package io.execready.engine;

import io.execready.snapshot.ReadFailure;
import java.util.Objects;

/**
 * An evaluation could not go on because an AWS read it depends on failed (whether a service still
 * exists, which tasks are left). The failure stays data, so the handler's log and a retry policy can
 * tell a throttled read from a denied one.
 */
public class ReadFailedException extends ExecReadyException {

    private final ReadFailure failure;

    /** @param what what could not be done, as the sentence's start: "Cannot tell whether service web in cluster prod still exists" */
    public ReadFailedException(String what, ReadFailure failure) {
        super(what + ": " + failure.describe());
        this.failure = Objects.requireNonNull(failure, "failure");
    }

    public ReadFailure failure() {
        return failure;
    }
}
