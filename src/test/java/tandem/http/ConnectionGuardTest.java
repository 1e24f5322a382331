package tandem.http;

import org.junit.jupiter.api.Test;
import tandem.net.ConnectionBudget;
import tandem.net.ConnectionGate;

import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the main listener does with a socket Helidon has just accepted. */
class ConnectionGuardTest {

    @Test
    void an_accepted_socket_sends_without_waiting_for_acks() throws Exception {
        // Off, a response's small last packet waits for the client's delayed ACK: 40 ms a response.
        try (Sockets s = new Sockets(); var guard = new Closing(new ConnectionGuard(gate(10), Duration.ofSeconds(10)))) {
            SocketChannel accepted = s.accept();
            guard.g().configureSocket(accepted);
            assertThat(accepted.getOption(StandardSocketOptions.TCP_NODELAY)).isTrue();
            assertThat(guard.g().tcpNoDelay()).isTrue();
        }
    }

    @Test
    void a_socket_over_the_per_address_cap_is_refused_before_a_handler_starts() throws Exception {
        try (Sockets s = new Sockets(); var guard = new Closing(new ConnectionGuard(gate(2), Duration.ofSeconds(10)))) {
            guard.g().configureSocket(s.accept());
            guard.g().configureSocket(s.accept());
            SocketChannel third = s.accept();
            assertThatThrownBy(() -> guard.g().configureSocket(third)).isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("over the connection limit");
        }
    }

    @Test
    void a_socket_without_a_request_head_is_closed_after_the_head_timeout_unless_a_request_arrived() throws Exception {
        try (Sockets s = new Sockets(); var guard = new Closing(new ConnectionGuard(gate(10), Duration.ofMillis(300)))) {
            SocketChannel silent = s.accept();
            SocketChannel talking = s.accept();
            guard.g().configureSocket(silent);
            guard.g().configureSocket(talking);
            guard.g().requestArrived(talking.getRemoteAddress());
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (silent.isOpen() && System.nanoTime() < deadline) Thread.sleep(20);
            assertThat(silent.isOpen()).as("silent socket").isFalse();
            assertThat(talking.isOpen()).as("socket that sent a request").isTrue();
        }
    }

    private static ConnectionGate gate(int perAddress) {
        return new ConnectionGate("main", new ConnectionBudget(100, perAddress), a -> false);
    }

    private record Closing(ConnectionGuard g) implements AutoCloseable {
        public void close() { g.close(); }
    }

    /** A loopback listener whose accepted sockets the test hands to the guard, as Helidon would. */
    private static final class Sockets implements AutoCloseable {
        private final ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        private final List<SocketChannel> open = new ArrayList<>();

        Sockets() throws Exception {}

        SocketChannel accept() throws Exception {
            open.add(SocketChannel.open(server.getLocalAddress()));
            SocketChannel accepted = server.accept();
            open.add(accepted);
            return accepted;
        }

        @Override
        public void close() throws Exception {
            for (SocketChannel c : open) c.close();
            server.close();
        }
    }
}
