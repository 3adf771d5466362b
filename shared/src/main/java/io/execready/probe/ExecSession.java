package io.execready.probe;

import java.util.Objects;

/**
 * The session ecs:ExecuteCommand opened: where its data channel is, the token that opens it, and
 * the target id the session is bound to ({@code ecs:<cluster>_<task id>_<container runtime id>}),
 * which the KMS encryption context names.
 */
public record ExecSession(String sessionId, String streamUrl, String tokenValue, String targetId) {
    public ExecSession {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(streamUrl, "streamUrl");
        Objects.requireNonNull(tokenValue, "tokenValue");
        Objects.requireNonNull(targetId, "targetId");
    }

    @Override
    public String toString() {
        return "ExecSession[sessionId=" + sessionId + ", streamUrl=" + streamUrl + ", targetId=" + targetId + "]";
    }
}
