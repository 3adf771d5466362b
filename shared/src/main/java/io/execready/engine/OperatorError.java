package io.execready.engine;

import java.util.Objects;

/**
 * The error an operator sees when they try ECS Exec on a task a check FAILs: what they will search
 * for, so every FAIL carries it (in the result's evidence, and so in the finding and the alert).
 *
 * @param text the error as the AWS CLI or the Session Manager plugin prints it; empty for {@link #NONE}
 */
public record OperatorError(String text) {

    /** For a check that never FAILs. */
    public static final OperatorError NONE = new OperatorError("");

    /** ECS refuses execute-command: exec is off for the task, or its agent is not running. */
    public static final OperatorError EXECUTE_COMMAND_NOT_ENABLED = new OperatorError(
            "An error occurred (InvalidParameterException) when calling the ExecuteCommand operation: The execute command failed"
                    + " because execute command was not enabled when the task was run or the execute command agent isn't running."
                    + " Wait and try again or run a new task with execute command enabled and try again.");

    /** The agent never registered its channel with Systems Manager: no credentials, no route, no permission. */
    public static final OperatorError TARGET_NOT_CONNECTED = new OperatorError(
            "An error occurred (TargetNotConnectedException) when calling the ExecuteCommand operation:"
                    + " The execute command failed due to an internal error. Try again later.");

    /** The operator's own identity may not run execute-command. */
    public static final OperatorError ACCESS_DENIED = new OperatorError(
            "An error occurred (AccessDeniedException) when calling the ExecuteCommand operation: User: ... is not authorized"
                    + " to perform: ecs:ExecuteCommand on resource: ...");

    /** The session's KMS data key cannot be made or used, so the plugin's handshake fails. */
    public static final OperatorError KMS_HANDSHAKE = new OperatorError(
            "Encountered error while initiating handshake. KMSEncryption failed on client with status 2 error:"
                    + " Failed to process action KMSEncryption");

    /** The session starts and the agent ends it at once, because it cannot write the session log. */
    public static final OperatorError SESSION_CLOSES_AT_ONCE = new OperatorError(
            "Starting session with SessionId: ... followed at once by Exiting session with sessionId: ...;"
                    + " the agent cannot write the session log (e.g. \"encryption is not set up on the selected CloudWatch Logs log group\")");

    /** The agent cannot reach the Systems Manager endpoint or its traffic is dropped on the way. */
    public static final OperatorError HANDSHAKE_TIMEOUT = new OperatorError(
            "Encountered error while initiating handshake. Handshake timed out. Please ensure that you have the latest"
                    + " version of the session manager plugin.");

    /**
     * For the ECS Exec probe, whose every FAIL carries the exact error its own session met: each
     * failure shows the operator something of its own, so none is declared up front.
     */
    public static final OperatorError AS_THE_SESSION_MET_IT = new OperatorError(
            "The error the probe's ECS Exec session met, as each of its failures states it");

    public OperatorError {
        Objects.requireNonNull(text, "text");
    }

    public boolean isNone() {
        return text.isEmpty();
    }
}
