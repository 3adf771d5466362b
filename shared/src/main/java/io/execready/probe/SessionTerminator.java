package io.execready.probe;

/** Ends a session on the service side: ssm:TerminateSession in production. */
@FunctionalInterface
public interface SessionTerminator {

    /** Terminates {@code sessionId}; throws with the service's words when it cannot. */
    void terminate(String sessionId) throws Exception;
}
