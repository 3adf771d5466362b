package io.execready.probe;

import io.execready.aws.ReadThreads;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Proves ECS Exec end to end: opens an interactive session that echoes a random sentinel, speaks
 * the data channel until the sentinel comes back, then closes the socket and terminates the
 * session, whatever happened. Every phase is bounded and the whole by {@link ProbeTimeouts#overall()}.
 */
public final class ExecSessionProbe {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ExecSessionStarter starter;
    private final DataKeySource dataKeys;
    private final SessionTerminator terminator;
    private final ChannelOpener channels;
    private final ProbeTimeouts timeouts;
    private final Clock clock;

    ExecSessionProbe(ExecSessionStarter starter, DataKeySource dataKeys, SessionTerminator terminator,
                     ChannelOpener channels, ProbeTimeouts timeouts, Clock clock) {
        this.starter = Objects.requireNonNull(starter, "starter");
        this.dataKeys = Objects.requireNonNull(dataKeys, "dataKeys");
        this.terminator = Objects.requireNonNull(terminator, "terminator");
        this.channels = Objects.requireNonNull(channels, "channels");
        this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public static ExecSessionProbe create(ExecSessionStarter starter, DataKeySource dataKeys,
                                          SessionTerminator terminator, ProbeTimeouts timeouts) {
        return new ExecSessionProbe(starter, dataKeys, terminator, JdkWebSocketChannel::open, timeouts, Clock.systemUTC());
    }

    /** The harmless command a probe runs: it prints the sentinel and exits. */
    static String commandEchoing(String sentinel) {
        return "/bin/sh -c 'echo " + sentinel + "'";
    }

    public ProbeRun probe(ProbeTarget target) {
        Instant started = clock.instant();
        Instant overallDeadline = started.plus(timeouts.overall());
        String sentinel = "execready-probe-" + HexFormat.of().formatHex(randomBytes());
        ExecSession session;
        try {
            session = start(target, sentinel, overallDeadline);
        } catch (ProbeFailure failure) {
            return new ProbeRun(new ProbeOutcome.Failed("", failure.phase(), failure.getMessage()), new ProbeRun.Termination.NoSession());
        }
        ProbeOutcome outcome = converse(session, sentinel, started, overallDeadline);
        return new ProbeRun(outcome, terminate(session.sessionId()));
    }

    private ExecSession start(ProbeTarget target, String sentinel, Instant overallDeadline) throws ProbeFailure {
        Duration limit = shortest(timeouts.executeCommand(), Duration.between(clock.instant(), overallDeadline));
        // A virtual thread bounds the call even when the SDK's own timeouts do not.
        try (ExecutorService caller = ReadThreads.pool()) {
            Future<ExecSession> call = caller.submit(() -> starter.start(target, commandEchoing(sentinel), limit));
            try {
                return call.get(limit.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                throw new ProbeFailure(ProbePhase.EXECUTE_COMMAND, message(e.getCause()));
            } catch (TimeoutException e) {
                call.cancel(true);
                throw new ProbeFailure(ProbePhase.EXECUTE_COMMAND, "ecs:ExecuteCommand did not answer within " + limit.toMillis() + " ms");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProbeFailure(ProbePhase.EXECUTE_COMMAND, "interrupted while calling ecs:ExecuteCommand");
            }
        }
    }

    private ProbeOutcome converse(ExecSession session, String sentinel, Instant started, Instant overallDeadline) {
        Duration connect = shortest(timeouts.connect(), Duration.between(clock.instant(), overallDeadline));
        try (StreamChannel channel = channels.open(URI.create(session.streamUrl()), connect)) {
            new DataChannelConversation(channel, session, sentinel, dataKeys, timeouts, clock).readSentinel(overallDeadline);
            return new ProbeOutcome.SentinelRead(session.sessionId(), Duration.between(started, clock.instant()));
        } catch (ProbeFailure failure) {
            return new ProbeOutcome.Failed(session.sessionId(), failure.phase(), failure.getMessage());
        } catch (IllegalArgumentException e) {
            return new ProbeOutcome.Failed(session.sessionId(), ProbePhase.WEBSOCKET, "unusable stream URL: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ProbeOutcome.Failed(session.sessionId(), ProbePhase.WEBSOCKET, "interrupted");
        }
    }

    private ProbeRun.Termination terminate(String sessionId) {
        try {
            terminator.terminate(sessionId);
            return new ProbeRun.Termination.Terminated(sessionId);
        } catch (Exception e) {
            return new ProbeRun.Termination.NotTerminated(sessionId, message(e));
        }
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static String message(Throwable error) {
        return error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
    }

    private static Duration shortest(Duration a, Duration b) {
        Duration shorter = a.compareTo(b) <= 0 ? a : b;
        return shorter.isNegative() ? Duration.ZERO : shorter;
    }

    /** Opens the WebSocket under a data channel; a test hands in its own. */
    @FunctionalInterface
    interface ChannelOpener {
        StreamChannel open(URI uri, Duration connectTimeout) throws ProbeFailure;
    }
}
