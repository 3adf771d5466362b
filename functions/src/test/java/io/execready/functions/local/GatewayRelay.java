package io.execready.functions.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes an emulator that listens on 127.0.0.1 reachable from the containers of one Docker network:
 * listens on the network's gateway address (the host's side of the bridge the run created) and
 * copies each connection to and from the emulator's loopback port. The emulators keep binding
 * loopback only; nothing listens on any other interface of the host.
 *
 * <p>The target port can change while the relay runs, so the address the functions are given
 * stays the same when the run starts a fresh emulator for the next scenario.
 */
final class GatewayRelay implements AutoCloseable {

    private final ServerSocket listener;
    private final AtomicInteger targetPort = new AtomicInteger();
    private final Thread acceptor;

    private GatewayRelay(ServerSocket listener) {
        this.listener = listener;
        this.acceptor = Thread.ofPlatform().daemon().name("relay-" + listener.getLocalPort()).unstarted(this::acceptConnections);
    }

    /** Listens on {@code gateway:port}; connections go to the loopback port last given to {@link #target}. */
    static GatewayRelay listen(InetAddress gateway, int port) {
        try {
            ServerSocket listener = new ServerSocket();
            listener.setReuseAddress(true);
            listener.bind(new InetSocketAddress(gateway, port));
            GatewayRelay relay = new GatewayRelay(listener);
            relay.acceptor.start();
            return relay;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + gateway.getHostAddress() + ":" + port
                    + " (the address the env-vars file gives the functions)", e);
        }
    }

    /** Sends the connections opened from now on to {@code 127.0.0.1:port}. */
    void target(int port) {
        targetPort.set(port);
    }

    private void acceptConnections() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Thread.ofVirtual().start(() -> relay(client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void relay(Socket client) {
        try (client; Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort.get())) {
            Thread toUpstream = Thread.ofVirtual().start(() -> copy(client, upstream));
            copy(upstream, client);
            toUpstream.join();
        } catch (IOException e) {
            // The emulator is gone (between scenarios): the function sees a closed connection, as it would.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Copies until the source ends, then ends the write side so the other party sees end of stream. */
    private static void copy(Socket from, Socket to) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            in.transferTo(out);
            to.shutdownOutput();
        } catch (IOException ignored) {
            // One side closed the connection: the other copy ends with it.
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException ignored) {
            // Closing a listening socket cannot lose data.
        }
    }
}
