package io.execready.harness;

import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBRequestHandler;
import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBServerHandler;
import com.amazonaws.services.dynamodbv2.model.ListTablesRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;

/**
 * DynamoDB Local, AWS's own DynamoDB engine, served in memory on a loopback port of this JVM. The
 * product reaches it through the real SDK client, pointed at it by {@link #clientEnvironment()}
 * (child processes) or {@link #applyToSystemProperties()} (this JVM); every other service keeps
 * going to {@link LocalAws}.
 *
 * <p>Its command-line runner is not used: it binds every interface and configures telemetry. Here
 * the request handler is mounted in a Jetty server bound to 127.0.0.1 on a port the system picks,
 * and telemetry is never configured, so nothing is sent anywhere. The engine stores tables with
 * SQLite through sqlite4java; its jar carries the native libraries and loads them itself.
 *
 * <p>{@link #close()} stops every thread the engine started. The engine's own shutdown only asks its
 * background jobs to stop, and its streams' shard-rollover scheduler, a non-daemon thread, notices
 * that after a sleep of several minutes, keeping the JVM alive that long. The engine creates its
 * job threads in the thread group of the thread that first uses it, so here that is a group of its
 * own, whose threads close interrupts and waits for.
 */
public final class LocalDynamoDb implements AutoCloseable {

    private static final String LOOPBACK = "127.0.0.1";
    private static final Duration THREAD_STOP_TIMEOUT = Duration.ofSeconds(10);

    private final Server server;
    private final LocalDynamoDBRequestHandler engine;
    private final ThreadGroup engineThreads;
    private final String endpoint;
    private boolean closed;

    private LocalDynamoDb(Server server, LocalDynamoDBRequestHandler engine, ThreadGroup engineThreads, String endpoint) {
        this.server = server;
        this.engine = engine;
        this.engineThreads = engineThreads;
        this.endpoint = endpoint;
    }

    /** Starts an empty in-memory DynamoDB on a free loopback port. */
    public static LocalDynamoDb start() {
        ThreadGroup engineThreads = new ThreadGroup("dynamodb-local");
        LocalDynamoDBRequestHandler engine = createEngineIn(engineThreads);
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(LOOPBACK);
        connector.setPort(0);
        server.addConnector(connector);
        ContextHandler context = new ContextHandler();
        context.setHandler(new LocalDynamoDBServerHandler(engine, null));
        server.setHandler(new ContextHandlerCollection(context));
        try {
            server.start();
        } catch (Exception e) {
            engine.shutdown();
            stopThreads(engineThreads);
            throw new HarnessException("DynamoDB Local did not start on " + LOOPBACK, e);
        }
        return new LocalDynamoDb(server, engine, engineThreads, "http://" + LOOPBACK + ":" + connector.getLocalPort());
    }

    /**
     * Creates the in-memory engine (one database for every credential and region, no artificial
     * delays) and makes it open that database, from a thread of {@code group}, so that the job
     * threads it starts then and later belong to that group.
     */
    private static LocalDynamoDBRequestHandler createEngineIn(ThreadGroup group) {
        AtomicReference<LocalDynamoDBRequestHandler> created = new AtomicReference<>();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Thread opener = new Thread(group, () -> {
            try {
                LocalDynamoDBRequestHandler engine = new LocalDynamoDBRequestHandler(0, true, null, true, false);
                engine.listTables("local", LocalAws.REGION, new ListTablesRequest());
                created.set(engine);
            } catch (RuntimeException e) {
                failure.set(e);
            }
        }, "dynamodb-local-open");
        opener.start();
        try {
            opener.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HarnessException("Interrupted while DynamoDB Local opened its database", e);
        }
        if (created.get() == null) {
            stopThreads(group);
            throw new HarnessException("DynamoDB Local could not create its in-memory database", failure.get());
        }
        return created.get();
    }

    public String endpoint() {
        return endpoint;
    }

    /** What a child process needs, on top of {@link LocalAws#clientEnvironment()}, to reach this DynamoDB. */
    public Map<String, String> clientEnvironment() {
        return Map.of("AWS_ENDPOINT_URL_DYNAMODB", endpoint);
    }

    /** Points DynamoDB clients built later in this JVM here (the SDK's {@code aws.endpointUrlDynamoDb}). */
    public void applyToSystemProperties() {
        System.setProperty("aws.endpointUrlDynamoDb", endpoint);
    }

    /** Stops the server, then the engine and every thread it started; a second call does nothing. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            server.stop();
        } catch (Exception e) {
            throw new HarnessException("DynamoDB Local did not stop cleanly", e);
        } finally {
            engine.shutdown();
            stopThreads(engineThreads);
        }
    }

    /** Interrupts the group's threads (the engine's jobs end on interruption) and waits for them. */
    private static void stopThreads(ThreadGroup group) {
        Instant deadline = Instant.now().plus(THREAD_STOP_TIMEOUT);
        group.interrupt();
        for (Thread thread : threadsOf(group)) {
            try {
                thread.join(Duration.between(Instant.now(), deadline).toMillis() + 1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static Thread[] threadsOf(ThreadGroup group) {
        Thread[] threads = new Thread[group.activeCount() + 8];
        int count = group.enumerate(threads);
        return Arrays.copyOf(threads, count);
    }

    /** The threads the engine started that are still alive: none once closed. */
    Thread[] liveEngineThreads() {
        return Arrays.stream(threadsOf(engineThreads)).filter(Thread::isAlive).toArray(Thread[]::new);
    }
}
