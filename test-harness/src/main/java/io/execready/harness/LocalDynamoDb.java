package io.execready.harness;

import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBRequestHandler;
import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBServerHandler;
import java.util.Map;
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
 */
public final class LocalDynamoDb implements AutoCloseable {

    private static final String LOOPBACK = "127.0.0.1";

    private final Server server;
    private final LocalDynamoDBRequestHandler engine;
    private final String endpoint;

    private LocalDynamoDb(Server server, LocalDynamoDBRequestHandler engine, String endpoint) {
        this.server = server;
        this.engine = engine;
        this.endpoint = endpoint;
    }

    /** Starts an empty in-memory DynamoDB on a free loopback port. */
    public static LocalDynamoDb start() {
        LocalDynamoDBRequestHandler engine;
        try {
            // In memory, one database for every credential and region, no artificial delays.
            engine = new LocalDynamoDBRequestHandler(0, true, null, true, false);
        } catch (RuntimeException e) {
            throw new HarnessException("DynamoDB Local could not create its in-memory database", e);
        }
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
            throw new HarnessException("DynamoDB Local did not start on " + LOOPBACK, e);
        }
        return new LocalDynamoDb(server, engine, "http://" + LOOPBACK + ":" + connector.getLocalPort());
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

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new HarnessException("DynamoDB Local did not stop cleanly", e);
        } finally {
            engine.shutdown();
        }
    }
}
