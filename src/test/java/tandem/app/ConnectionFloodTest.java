package tandem.app;

import org.junit.jupiter.api.Test;
import tandem.testing.ChildInstance;
import tandem.testing.TestInstance;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Thousands of idle connections from a couple of addresses must not take Tandem off the air. The
 * instance runs as a child process with a low limit on open files (512), so a flood that would
 * exhaust it is small enough for any test machine.
 */
class ConnectionFloodTest {
    private static final int OPEN_FILES = 512;
    private static final int PER_ADDRESS_AND_LISTENER = 150;

    @Test
    void a_flood_from_two_addresses_is_turned_away_at_the_door_and_everyone_else_still_gets_in() throws Exception {
        Ports ports = new Ports();
        // 127.0.0.4 is a reverse proxy in front of Tandem: all its visitors share its address.
        TestInstance tandem = TestInstance.prepare(ports.settings(Map.of("trusted_proxies", "127.0.0.4")));
        try (ChildInstance child = ChildInstance.start(tandem, OPEN_FILES).awaitReady(Duration.ofSeconds(60))) {
            int perAddress = perAddressLimit(child.log());
            try (Flood flood = new Flood()) {
                for (int port : ports.all()) {
                    flood.open("127.0.0.2", port, PER_ADDRESS_AND_LISTENER);
                    flood.open("127.0.0.3", port, PER_ADDRESS_AND_LISTENER);
                }
                flood.open("127.0.0.4", ports.main, perAddress + 5);
                Thread.sleep(1000); // let every listener take its pick
                for (int port : ports.all()) {
                    for (String from : List.of("127.0.0.2", "127.0.0.3")) {
                        assertThat(flood.stillOpen(from, port)).as("connections from %s kept by port %d", from, port)
                                .isBetween(1, perAddress);
                    }
                }
                assertThat(flood.stillOpen("127.0.0.4", ports.main)).as("connections from the trusted proxy").isEqualTo(perAddress + 5);
                assertEveryListenerAnswers(ports, "during the flood");
            }
            assertEveryListenerAnswers(ports, "after the flood");
            assertThat(child.process().isAlive()).isTrue();
            assertThat(child.log()).doesNotContain("Too many open files");
        } finally {
            tandem.close();
        }
    }

    @Test
    void listeners_that_run_out_of_file_descriptors_anyway_come_back_when_the_flood_ends() throws Exception {
        Ports ports = new Ports();
        // Limits above what the process can open: each flood below exhausts the descriptors by itself.
        TestInstance tandem = TestInstance.prepare(ports.settings(Map.of("max_connections", "5000", "max_connections_per_address", "5000",
                "request_head_timeout_seconds", "60", "trusted_proxies", "")));
        try (ChildInstance child = ChildInstance.start(tandem, OPEN_FILES).awaitReady(Duration.ofSeconds(60))) {
            // The main listener first: Helidon's accept loop ends on the error, so we start it again.
            try (Flood flood = new Flood()) {
                flood.open("127.0.0.2", ports.main, OPEN_FILES / 2 + 50);
                flood.open("127.0.0.3", ports.main, OPEN_FILES / 2 + 50);
                awaitLog(child, "Too many open files");
            }
            awaitEveryListenerAnswers(ports, Duration.ofSeconds(30), child);
            awaitLog(child, "the HTTP listener is back on port " + ports.main);
            // Then the media and tracker listeners, which pause and accept again.
            try (Flood flood = new Flood()) {
                for (int port : List.of(ports.media, ports.tracker)) {
                    flood.open("127.0.0.2", port, OPEN_FILES / 2 + 50);
                    flood.open("127.0.0.3", port, OPEN_FILES / 2 + 50);
                }
                awaitLog(child, "media listener: accept failed");
                awaitLog(child, "tracker listener: accept failed");
            }
            awaitEveryListenerAnswers(ports, Duration.ofSeconds(30), child);
            assertThat(child.process().isAlive()).isTrue();
            assertThat(child.log()).contains("media listener: accepting again", "tracker listener: accepting again");
        } finally {
            tandem.close();
        }
    }

    @Test
    void a_connection_that_sends_no_whole_request_is_closed_but_a_kept_alive_one_stays() throws Exception {
        Ports ports = new Ports();
        try (TestInstance tandem = TestInstance.start(ports.settings(Map.of("request_head_timeout_seconds", "1")))) {
            for (int port : List.of(ports.main, ports.media)) {
                try (Socket silent = connect(port); Socket trickling = connect(port); Socket kept = connect(port)) {
                    long t0 = System.nanoTime();
                    OutputStream slow = trickling.getOutputStream();
                    slow.write("GET /api/v1/config HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
                    assertThat(statusLine(kept, "GET /api/v1/config HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 ");
                    for (int i = 0; i < 6; i++) { // a header byte every 400 ms: each read is quick, the head never ends
                        Thread.sleep(400);
                        try {
                            slow.write('X');
                        } catch (IOException closed) {
                            break;
                        }
                    }
                    assertThat(closedByServer(silent)).as("silent connection to port %d", port).isTrue();
                    assertThat(closedByServer(trickling)).as("trickling connection to port %d", port).isTrue();
                    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(8));
                    assertThat(statusLine(kept, "GET /api/v1/config HTTP/1.1\r\nHost: x\r\n\r\n"))
                            .as("kept-alive connection to port %d, 2.4 s after its first request", port).startsWith("HTTP/1.1 ");
                }
            }
        }
    }

    /** The main port and the two optional listeners, each on a free port. */
    private static final class Ports {
        final int main = free();
        final int media = free();
        final int tracker = free();

        Map<String, String> settings(Map<String, String> extra) {
            Map<String, String> s = new java.util.HashMap<>(extra);
            s.put("media_port", String.valueOf(media));
            s.put("tracker_port", String.valueOf(tracker));
            s.put("port", String.valueOf(main));
            s.put("public_url", "http://localhost:" + main);
            return s;
        }

        List<Integer> all() {
            return List.of(main, media, tracker);
        }

        private static int free() {
            try {
                return TestInstance.freePort();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Idle sockets from given source addresses, and which of them the server has closed. */
    private static final class Flood implements AutoCloseable {
        private final Map<String, List<SocketChannel>> groups = new java.util.HashMap<>();

        void open(String from, int port, int n) throws IOException {
            List<SocketChannel> group = groups.computeIfAbsent(from + ":" + port, k -> new ArrayList<>());
            for (int i = 0; i < n; i++) {
                SocketChannel ch = SocketChannel.open();
                ch.bind(new InetSocketAddress(from, 0));
                ch.configureBlocking(false);
                ch.connect(new InetSocketAddress("127.0.0.1", port));
                group.add(ch);
            }
        }

        /** Sockets of the group the server has neither refused nor closed. */
        int stillOpen(String from, int port) {
            int open = 0;
            for (SocketChannel ch : groups.get(from + ":" + port)) {
                try {
                    if (ch.isConnectionPending() && !ch.finishConnect()) continue;
                    if (ch.read(ByteBuffer.allocate(1)) == 0) open++;
                } catch (IOException reset) {
                    // refused or reset: not open
                }
            }
            return open;
        }

        @Override
        public void close() throws IOException {
            for (List<SocketChannel> group : groups.values()) for (SocketChannel ch : group) ch.close();
        }
    }

    private static void assertEveryListenerAnswers(Ports ports, String when) throws IOException {
        assertThat(statusLine(ports.main, "GET /api/v1/config HTTP/1.1\r\nHost: x\r\n\r\n")).as("main " + when).isEqualTo("HTTP/1.1 200 OK");
        assertThat(statusLine(ports.media, "GET /static/streaming-playlists/hls/none/master.m3u8 HTTP/1.1\r\nHost: x\r\n\r\n"))
                .as("media " + when).startsWith("HTTP/1.1 404");
        assertThat(statusLine(ports.tracker, "GET /tracker/socket HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"))
                .as("tracker " + when).startsWith("HTTP/1.1 101");
    }

    private static void awaitEveryListenerAnswers(Ports ports, Duration within, ChildInstance child) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            try {
                assertEveryListenerAnswers(ports, "after the flood");
                return;
            } catch (AssertionError | IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("still not answering; the child's log:\n" + child.log() + "\nits threads:\n" + threads(child), e);
                }
                Thread.sleep(250);
            }
        }
    }

    private static String threads(ChildInstance child) throws IOException {
        Process jstack = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jstack").toString(),
                String.valueOf(child.process().pid())).redirectErrorStream(true).start();
        return new String(jstack.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    private static String statusLine(int port, String request) throws IOException {
        try (Socket s = connect(port)) {
            return statusLine(s, request);
        }
    }

    /** Sends a request and reads its answer's head, and the body when it has a length, so the connection can be reused. */
    private static String statusLine(Socket s, String request) throws IOException {
        s.setSoTimeout(5000);
        s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        InputStream in = s.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) break;
            head.append((char) b);
        }
        Matcher length = Pattern.compile("(?i)content-length: *(\\d+)").matcher(head);
        if (length.find()) in.readNBytes(Integer.parseInt(length.group(1)));
        return head.toString().split("\r\n", 2)[0];
    }

    private static Socket connect(int port) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        return s;
    }

    /** True when the server closes the socket within a few seconds. */
    private static boolean closedByServer(Socket s) throws IOException {
        s.setSoTimeout(5000);
        try {
            return s.getInputStream().read() < 0;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    private static int perAddressLimit(String log) {
        Matcher m = Pattern.compile("each listener takes up to \\d+ connections, (\\d+) per client address").matcher(log);
        assertThat(m.find()).as("the child logs its connection limits").isTrue();
        return Integer.parseInt(m.group(1));
    }

    private static void awaitLog(ChildInstance child, String text) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!child.log().contains(text)) {
            assertThat(System.nanoTime()).as("the child's log shows " + text).isLessThan(deadline);
            Thread.sleep(200);
        }
    }
}
