package tandem.http;

import io.helidon.common.socket.SocketOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tandem.net.ConnectionGate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The main listener's door: Helidon hands every accepted socket to its connection options before
 * it starts a handler, so this is where a socket over the {@link ConnectionGate}'s limits is
 * closed, and where a socket starts the clock on its first request. A connection that has not
 * sent a whole request head within {@code headTimeout} is closed (silent and trickling sockets
 * alike); once it has, Helidon's idle timeout governs it, as it does keep-alive and WebSocket
 * connections.
 */
final class ConnectionGuard implements SocketOptions {
    private static final Logger log = LoggerFactory.getLogger(ConnectionGuard.class);

    private final SocketOptions defaults = SocketOptions.builder().build();
    private final ConnectionGate gate;
    private final long headTimeoutNanos;
    private final Map<SocketAddress, Waiting> waiting = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sweeper;

    private record Waiting(SocketChannel channel, long since) {}

    ConnectionGuard(ConnectionGate gate, Duration headTimeout) {
        this.gate = gate;
        this.headTimeoutNanos = headTimeout.toNanos();
        this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().name("http-head-timeout").daemon().unstarted(r));
        long period = Math.clamp(headTimeout.toMillis() / 4, 50, 1000);
        sweeper.scheduleAtFixedRate(this::closeLate, period, period, TimeUnit.MILLISECONDS);
    }

    /** Called by Helidon right after accept; throwing makes it close the socket without starting a handler. */
    @Override
    public void configureSocket(SocketChannel socket) {
        if (gate.admit(socket) == null) throw new UncheckedIOException(new IOException("over the connection limit"));
        defaults.configureSocket(socket);
        try {
            // Nagle's algorithm meets the client's delayed ACK on every response that ends in a
            // small last packet: 40 ms per response on keep-alive connections (measured 44 ms p50 for 8 kB).
            socket.setOption(StandardSocketOptions.TCP_NODELAY, true);
            waiting.put(socket.getRemoteAddress(), new Waiting(socket, System.nanoTime()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The socket of a new connection, by its peer's address (Helidon passes only the address on); null
     * when unknown. A new connection has sent no whole request yet, so its socket is still waiting here.
     */
    SocketChannel channelOf(SocketAddress peer) {
        Waiting w = waiting.get(peer);
        return w == null ? null : w.channel();
    }

    /** A whole request head arrived on the connection from {@code peer}. */
    void requestArrived(SocketAddress peer) {
        waiting.remove(peer);
    }

    int open() {
        return gate.open();
    }

    private void closeLate() {
        long now = System.nanoTime();
        waiting.values().removeIf(w -> {
            if (!w.channel().isOpen()) return true;
            if (now - w.since() < headTimeoutNanos) return false;
            try {
                w.channel().close();
            } catch (IOException e) {
                log.debug("closing a connection that sent no request: {}", e.getMessage());
            }
            return true;
        });
    }

    void close() {
        sweeper.shutdownNow();
    }

    // The rest are Helidon's defaults.
    @Override public Map<SocketOption<?>, Object> socketOptions() { return defaults.socketOptions(); }
    @Override public Duration connectTimeout() { return defaults.connectTimeout(); }
    @Override public Duration readTimeout() { return defaults.readTimeout(); }
    @Override public Optional<Integer> socketReceiveBufferSize() { return defaults.socketReceiveBufferSize(); }
    @Override public Optional<Integer> socketSendBufferSize() { return defaults.socketSendBufferSize(); }
    @Override public boolean socketReuseAddress() { return defaults.socketReuseAddress(); }
    @Override public boolean socketKeepAlive() { return defaults.socketKeepAlive(); }
    @Override public boolean tcpNoDelay() { return true; }
}
