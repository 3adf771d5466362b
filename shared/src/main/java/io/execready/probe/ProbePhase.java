package io.execready.probe;

/** Where an ECS Exec probe stopped: the order in which a real session comes up. */
public enum ProbePhase {
    /** ecs:ExecuteCommand itself (or the runtime id it needs) was refused or failed. */
    EXECUTE_COMMAND,
    /** The stream URL could not be opened, or the service closed it (a refused token) before speaking. */
    WEBSOCKET,
    /** The agent's handshake did not complete: no request, an unacknowledged response, a corrupt message. */
    HANDSHAKE,
    /** The KMS data key or the agent's encryption challenge failed. */
    ENCRYPTION,
    /** The handshake completed but the command's output never carried the sentinel. */
    COMMAND
}
