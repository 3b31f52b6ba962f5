package io.tabelogo.platformtest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy in front of a real server (Redis, PostgreSQL, a gRPC peer) that chaos tests use to add latency,
 * cut open connections or refuse new ones, without touching the server itself.
 */
public final class FaultProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile Duration latency = Duration.ZERO;
    private volatile boolean refusing;

    private FaultProxy(ServerSocket listener, InetSocketAddress target) {
        this.listener = listener;
        this.target = target;
    }

    /** Listens on a random loopback port and forwards to {@code host:port}. */
    public static FaultProxy start(String host, int port) {
        try {
            ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            FaultProxy proxy = new FaultProxy(listener, new InetSocketAddress(host, port));
            Thread.ofVirtual()
                    .name("fault-proxy-accept-" + listener.getLocalPort())
                    .start(proxy::acceptLoop);
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException("could not open the fault proxy", e);
        }
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Delays every chunk of bytes, in both directions, by {@code latency}. */
    public void setLatency(Duration latency) {
        this.latency = latency;
    }

    /** While true, new connections are accepted and closed at once, as by a dead peer. */
    public void setRefusing(boolean refusing) {
        this.refusing = refusing;
    }

    /** Closes every connection open now, as a network partition would. */
    public void cutConnections() {
        open.forEach(FaultProxy::closeQuietly);
        open.clear();
    }

    /** Back to a transparent proxy. */
    public void heal() {
        latency = Duration.ZERO;
        refusing = false;
    }

    @Override
    public void close() {
        closeQuietly(listener);
        cutConnections();
    }

    /**
     * Platform threads: the application under test runs its requests on virtual threads, and a burst of them would
     * queue the proxy's copying behind them, adding latency that a real network does not have.
     */
    private static final Thread.Builder PUMPS = Thread.ofPlatform().daemon().name("fault-proxy-pump");

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                if (refusing) {
                    closeQuietly(client);
                } else {
                    PUMPS.start(() -> connect(client));
                }
            } catch (IOException e) {
                // the listener was closed
            }
        }
    }

    // On the connection's own thread, so a slow or dead target never holds up the next accept.
    private void connect(Socket client) {
        Socket upstream = new Socket();
        try {
            // Forward each write at once: Nagle's algorithm meeting delayed ACKs would add ~40 ms per round trip.
            client.setTcpNoDelay(true);
            upstream.setTcpNoDelay(true);
            upstream.connect(target, 1_000);
        } catch (IOException targetDown) {
            closeQuietly(upstream);
            closeQuietly(client); // the client sees its connection closed at once, as from a dead server
            return;
        }
        open.add(client);
        open.add(upstream);
        PUMPS.start(() -> pump(client, upstream));
        pump(upstream, client);
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                Duration delay = latency;
                if (!delay.isZero()) {
                    Thread.sleep(delay);
                }
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // one side closed or was cut: close both below
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            open.remove(from);
            open.remove(to);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // already closed
        }
    }
}
