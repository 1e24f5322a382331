package tandem.p2p;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tandem.net.ConnectionBudget;
import tandem.net.ConnectionGate;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dedicated tracker listener (TANDEM_TRACKER_PORT) at the byte level: RFC 6455 handshake,
 * masking, fragmentation, control frames, limits and protocol errors, and the tracker's own rules
 * (relay, ban) through it. The main port's `/tracker/socket` is covered by TrackerSocketTest.
 */
class TrackerWebSocketServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KNOWN = BinaryIds.fromHex("aa".repeat(20));
    private static final String UNKNOWN = BinaryIds.fromHex("bb".repeat(20));

    private final Tracker tracker = new Tracker(hex -> !hex.equals("bb".repeat(20)), TrackerLimits.defaults(), Clock.systemUTC(), JSON);
    private final TrackerWebSocketServer server = start();

    private TrackerWebSocketServer start() {
        try {
            return new TrackerWebSocketServer("127.0.0.1", 0, tracker, Duration.ofMinutes(20),
                    new ConnectionGate("tracker", new ConnectionBudget(1000, 1000), a -> false), Duration.ofSeconds(10)).start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** A frame as the server sent it. */
    record Frame(boolean fin, int opcode, byte[] payload) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        int status() {
            return payload.length >= 2 ? (payload[0] & 0xff) << 8 | payload[1] & 0xff : -1;
        }
    }

    /** A client speaking raw RFC 6455 over a plain socket. */
    static final class Raw implements AutoCloseable {
        final Socket socket;
        final DataInputStream in;
        final OutputStream out;
        final String response;

        Raw(int port, String request) throws IOException {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(10_000);
            socket.setTcpNoDelay(true);
            in = new DataInputStream(socket.getInputStream());
            out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            StringBuilder head = new StringBuilder();
            int b;
            while ((b = in.read()) >= 0) {
                head.append((char) b);
                if (head.toString().endsWith("\r\n\r\n")) break;
            }
            response = head.toString();
        }

        static Raw open(int port, String key) throws IOException {
            Raw r = new Raw(port, upgrade("/tracker/socket", key, "13"));
            assertThat(r.response).startsWith("HTTP/1.1 101");
            return r;
        }

        static Raw open(int port) throws IOException {
            return open(port, "dGhlIHNhbXBsZSBub25jZQ==");
        }

        static String upgrade(String path, String key, String version) {
            return "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: keep-alive, Upgrade\r\n"
                    + (key == null ? "" : "Sec-WebSocket-Key: " + key + "\r\n")
                    + (version == null ? "" : "Sec-WebSocket-Version: " + version + "\r\n") + "\r\n";
        }

        static byte[] frame(boolean fin, int opcode, byte[] payload, boolean masked) {
            ByteArrayOutputStream f = new ByteArrayOutputStream();
            f.write((fin ? 0x80 : 0) | opcode);
            int m = masked ? 0x80 : 0;
            int n = payload.length;
            if (n < 126) {
                f.write(m | n);
            } else if (n < 65536) {
                f.write(m | 126);
                f.write(n >> 8);
                f.write(n);
            } else {
                f.write(m | 127);
                for (int i = 7; i >= 0; i--) f.write((int) ((long) n >> (8 * i)));
            }
            byte[] key = new byte[4];
            ThreadLocalRandom.current().nextBytes(key);
            if (masked) f.writeBytes(key);
            for (int i = 0; i < n; i++) f.write(masked ? payload[i] ^ key[i & 3] : payload[i]);
            return f.toByteArray();
        }

        void send(boolean fin, int opcode, byte[] payload) throws IOException {
            out.write(frame(fin, opcode, payload, true));
        }

        void text(String s) throws IOException {
            send(true, 0x1, s.getBytes(StandardCharsets.UTF_8));
        }

        Frame next() throws IOException {
            int b0 = in.readUnsignedByte(), b1 = in.readUnsignedByte();
            assertThat(b1 & 0x80).as("server frames are not masked").isZero();
            long n = b1 & 0x7f;
            if (n == 126) n = in.readUnsignedShort();
            else if (n == 127) n = in.readLong();
            byte[] p = new byte[(int) n];
            in.readFully(p);
            return new Frame((b0 & 0x80) != 0, b0 & 0x0f, p);
        }

        JsonNode json() throws IOException {
            Frame f = next();
            assertThat(f.opcode()).isEqualTo(0x1);
            return JSON.readTree(f.text());
        }

        /** The close frame the server sends, then the end of the stream. */
        int closedWith() throws IOException {
            Frame f;
            do {
                f = next();
            } while (f.opcode() != 0x8);
            try {
                assertThat(in.read()).as("the server closes after its close frame").isEqualTo(-1);
            } catch (SocketTimeoutException e) {
                throw new AssertionError("socket still open after the close frame");
            } catch (IOException ignored) {
                // reset: closed as well
            }
            return f.status();
        }

        boolean isClosedByServer() throws IOException {
            try {
                while (true) {
                    int b = in.read();
                    if (b < 0) return true;
                }
            } catch (SocketTimeoutException e) {
                return false;
            } catch (IOException e) {
                return true;
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private static String announce(String infoHash, String peerId, String extra) throws IOException {
        return "{\"action\":\"announce\",\"info_hash\":" + JSON.writeValueAsString(infoHash) + ",\"peer_id\":"
                + JSON.writeValueAsString(peerId) + ",\"left\":100" + extra + "}";
    }

    private static String offers(int n, String sdp) {
        StringBuilder o = new StringBuilder(",\"numwant\":" + n + ",\"offers\":[");
        for (int i = 0; i < n; i++) {
            if (i > 0) o.append(',');
            o.append("{\"offer\":{\"type\":\"offer\",\"sdp\":\"").append(sdp).append("\"},\"offer_id\":\"o").append(i).append("\"}");
        }
        return o.append(']').toString();
    }

    @Test
    void handshake_answers_the_rfc_accept_value_and_offers_and_answers_are_relayed() throws Exception {
        try (Raw a = Raw.open(server.port()); Raw b = Raw.open(server.port())) {
            // RFC 6455 section 1.3's example.
            assertThat(a.response).contains("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n").containsIgnoringCase("upgrade: websocket");
            a.text(announce(KNOWN, "-WW0200-aaaaaaaaaaaa", ",\"event\":\"started\",\"numwant\":5,\"offers\":[]"));
            assertThat(a.json().get("interval").asInt()).isEqualTo(120);
            b.text(announce(KNOWN, "-WW0200-bbbbbbbbbbbb", ",\"event\":\"started\"" + offers(1, "v=0 b")));
            assertThat(b.json().get("incomplete").asInt()).isEqualTo(2);
            JsonNode offer = a.json();
            assertThat(offer.get("peer_id").asText()).isEqualTo("-WW0200-bbbbbbbbbbbb");
            assertThat(offer.at("/offer/sdp").asText()).isEqualTo("v=0 b");
            a.text(announce(KNOWN, "-WW0200-aaaaaaaaaaaa", ",\"to_peer_id\":\"-WW0200-bbbbbbbbbbbb\",\"offer_id\":\"o0\","
                    + "\"answer\":{\"type\":\"answer\",\"sdp\":\"v=0 a\"}"));
            JsonNode answer = b.json();
            assertThat(answer.at("/answer/sdp").asText()).isEqualTo("v=0 a");
            assertThat(answer.get("offer_id").asText()).isEqualTo("o0");
            assertThat(tracker.stats().connections()).isEqualTo(2);
        }
    }

    @Test
    void fragments_are_reassembled_with_a_ping_between_them_and_utf8_survives() throws Exception {
        try (Raw a = Raw.open(server.port())) {
            byte[] msg = announce(KNOWN, "-WW0200-é-aaaaaaaaaa", offers(0, "")).getBytes(StandardCharsets.UTF_8);
            int third = msg.length / 3;
            a.send(false, 0x1, Arrays.copyOfRange(msg, 0, third));
            a.send(true, 0x9, "are you there".getBytes(StandardCharsets.UTF_8));
            a.send(false, 0x0, Arrays.copyOfRange(msg, third, 2 * third));
            a.send(true, 0x0, Arrays.copyOfRange(msg, 2 * third, msg.length));
            Frame pong = a.next();
            assertThat(pong.opcode()).isEqualTo(0xA);
            assertThat(pong.text()).isEqualTo("are you there");
            assertThat(a.json().get("interval").asInt()).isEqualTo(120);
            assertThat(tracker.peersOf("aa".repeat(20))).containsExactly("-WW0200-é-aaaaaaaaaa");
        }
    }

    @Test
    void pipelined_frames_and_a_large_frame_in_small_pieces_all_get_replies() throws Exception {
        try (Raw a = Raw.open(server.port()); Raw b = Raw.open(server.port())) {
            a.text(announce(KNOWN, "-WW0200-aaaaaaaaaaaa", ""));
            a.json();
            ByteArrayOutputStream many = new ByteArrayOutputStream();
            for (int i = 0; i < 50; i++) many.writeBytes(Raw.frame(true, 0x1, announce(KNOWN, "-WW0200-bbbbbbbbbbbb", "").getBytes(StandardCharsets.UTF_8), true));
            b.out.write(many.toByteArray());
            for (int i = 0; i < 50; i++) assertThat(b.json().get("interval").asInt()).isEqualTo(120);
            // 150 KB of SDP (more than the listener's read buffer), written 1000 bytes at a time.
            String sdp = "a=x".repeat(50_000);
            byte[] big = Raw.frame(true, 0x1, announce(KNOWN, "-WW0200-bbbbbbbbbbbb", offers(1, sdp)).getBytes(StandardCharsets.UTF_8), true);
            for (int at = 0; at < big.length; at += 1000) {
                b.out.write(big, at, Math.min(1000, big.length - at));
                b.out.flush();
            }
            assertThat(b.json().get("interval").asInt()).isEqualTo(120);
            assertThat(a.json().at("/offer/sdp").asText()).isEqualTo(sdp);
        }
    }

    @Test
    void a_close_frame_is_echoed_and_the_peer_leaves_its_swarms() throws Exception {
        try (Raw a = Raw.open(server.port())) {
            a.text(announce(KNOWN, "-WW0200-aaaaaaaaaaaa", ""));
            a.json();
            a.send(true, 0x8, new byte[] {0x03, (byte) 0xe8});
            assertThat(a.closedWith()).isEqualTo(1000);
        }
        for (int i = 0; i < 50 && tracker.stats().connections() > 0; i++) Thread.sleep(20);
        assertThat(tracker.stats().connections()).isZero();
        assertThat(tracker.peersOf("aa".repeat(20))).isEmpty();
    }

    @Test
    void protocol_errors_close_with_the_rfc_status_codes() throws Exception {
        try (Raw r = Raw.open(server.port())) { // clients must mask
            r.out.write(Raw.frame(true, 0x1, "{}".getBytes(StandardCharsets.UTF_8), false));
            assertThat(r.closedWith()).isEqualTo(1002);
        }
        try (Raw r = Raw.open(server.port())) {
            r.send(true, 0x2, new byte[] {1, 2, 3});
            assertThat(r.closedWith()).isEqualTo(1003);
        }
        try (Raw r = Raw.open(server.port())) {
            r.send(true, 0x1, new byte[] {'{', (byte) 0xc3, (byte) 0x28, '}'});
            assertThat(r.closedWith()).isEqualTo(1007);
        }
        try (Raw r = Raw.open(server.port())) { // announced size over the limit: refused before it is sent
            r.out.write(new byte[] {(byte) 0x81, (byte) 0xff, 0, 0, 0, 0, 0x10, 0, 0, 0});
            assertThat(r.closedWith()).isEqualTo(1009);
        }
        try (Raw r = Raw.open(server.port())) { // fragments adding up over the limit
            byte[] chunk = new byte[100_000];
            Arrays.fill(chunk, (byte) 'x');
            r.send(false, 0x1, chunk);
            r.send(false, 0x0, chunk);
            r.send(true, 0x0, chunk);
            assertThat(r.closedWith()).isEqualTo(1009);
        }
        try (Raw r = Raw.open(server.port())) {
            r.send(true, 0x0, "x".getBytes(StandardCharsets.UTF_8));
            assertThat(r.closedWith()).isEqualTo(1002);
        }
        try (Raw r = Raw.open(server.port())) {
            r.send(true, 0x3, new byte[0]);
            assertThat(r.closedWith()).isEqualTo(1002);
        }
        try (Raw r = Raw.open(server.port())) { // control frames may not be fragmented
            r.send(false, 0x9, new byte[0]);
            assertThat(r.closedWith()).isEqualTo(1002);
        }
        try (Raw r = Raw.open(server.port())) { // a new message while one is still in fragments
            r.send(false, 0x1, "{".getBytes(StandardCharsets.UTF_8));
            r.send(true, 0x1, "{}".getBytes(StandardCharsets.UTF_8));
            assertThat(r.closedWith()).isEqualTo(1002);
        }
        // The listener still serves.
        try (Raw r = Raw.open(server.port())) {
            r.text(announce(KNOWN, "-WW0200-aaaaaaaaaaaa", ""));
            assertThat(r.json().has("interval")).isTrue();
        }
    }

    @Test
    void bad_upgrade_requests_get_http_errors() throws Exception {
        try (Raw r = new Raw(server.port(), Raw.upgrade("/other", "dGhlIHNhbXBsZSBub25jZQ==", "13"))) {
            assertThat(r.response).startsWith("HTTP/1.1 404");
        }
        try (Raw r = new Raw(server.port(), Raw.upgrade("/tracker/socket", "dGhlIHNhbXBsZSBub25jZQ==", null))) {
            assertThat(r.response).startsWith("HTTP/1.1 426").contains("Sec-WebSocket-Version: 13");
        }
        try (Raw r = new Raw(server.port(), Raw.upgrade("/tracker/socket", "short", "13"))) {
            assertThat(r.response).startsWith("HTTP/1.1 400");
        }
        try (Raw r = new Raw(server.port(), "GET /tracker/socket HTTP/1.1\r\nHost: x\r\n\r\n")) {
            assertThat(r.response).startsWith("HTTP/1.1 426");
        }
        try (Raw r = new Raw(server.port(), "GET /tracker/socket HTTP/1.1\r\nX: " + "y".repeat(20_000) + "\r\n\r\n")) {
            assertThat(r.response).startsWith("HTTP/1.1 431");
        }
        try (Raw r = new Raw(server.port(), "POST /tracker/socket HTTP/1.1\r\nHost: x\r\n\r\n")) {
            assertThat(r.response).startsWith("HTTP/1.1 400");
            assertThat(r.isClosedByServer()).isTrue();
        }
    }

    @Test
    void an_unknown_infohash_closes_the_socket_and_bans_the_address() throws Exception {
        try (Raw intruder = Raw.open(server.port())) {
            intruder.text(announce(UNKNOWN, "-WW0200-xxxxxxxxxxxx", ",\"offers\":[]"));
            assertThat(intruder.closedWith()).isEqualTo(1000);
        }
        try (Raw again = Raw.open(server.port())) {
            assertThat(again.closedWith()).isEqualTo(1000);
        } catch (EOFException e) {
            // closed before the close frame could be read: refused all the same
        }
        assertThat(tracker.stats().rejected()).isGreaterThanOrEqualTo(2);
    }
}
