package tandem.p2p;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tandem.media.TestMedia;
import tandem.testing.TestClient;
import tandem.testing.TestInstance;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * `/tracker/socket` over real WebSockets: raw protocol, PeerTube's infohashes, and real WebRTC
 * clients, on the main port and on the dedicated tracker listener (TANDEM_TRACKER_PORT), which the
 * API then advertises and which shares the main port's swarms.
 */
class TrackerSocketTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestInstance tandem;
    private static List<String> infohashes;
    private static String dedicatedUrl;
    private static String advertised;

    @BeforeAll
    static void publishAVideo() throws Exception {
        int trackerPort = TestInstance.freePort();
        dedicatedUrl = "ws://localhost:" + trackerPort + "/tracker/socket";
        tandem = TestInstance.start(Map.of("tracker_port", String.valueOf(trackerPort)));
        TestClient admin = tandem.admin();
        String uuid = admin.upload(TestMedia.clipWithAudio(), "A swarm", Map.of()).json().at("/video/uuid").asText();
        tandem.awaitIdle();
        JsonNode playlist = admin.get("/api/v1/videos/" + uuid).json().at("/streamingPlaylists/0");
        infohashes = JSON.convertValue(playlist.get("p2pMediaLoaderInfohashes"), JSON.getTypeFactory().constructCollectionType(List.class, String.class));
        assertThat(infohashes).hasSize(playlist.get("files").size())
                .contains(Infohashes.forMaster(playlist.get("playlistUrl").asText(), 1).getFirst());
        advertised = admin.get("/api/v1/videos/" + uuid).json().get("trackerUrls").toString();
    }

    @AfterAll
    static void stop() {
        tandem.close();
    }

    /** A raw WebSocket peer collecting the JSON frames it receives. */
    static final class RawPeer implements WebSocket.Listener {
        final LinkedBlockingQueue<JsonNode> inbox = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        final StringBuilder partial = new StringBuilder();
        WebSocket ws;

        static RawPeer connect(TestInstance t) {
            return connect(t.baseUrl().replace("http", "ws") + "/tracker/socket");
        }

        static RawPeer connect(String url) {
            RawPeer p = new RawPeer();
            p.ws = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create(url), p).join();
            return p;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    inbox.add(JSON.readTree(partial.toString()));
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(-1);
        }

        void send(String json) {
            ws.sendText(json, true).join();
        }

        JsonNode next() throws InterruptedException {
            JsonNode n = inbox.poll(10, TimeUnit.SECONDS);
            assertThat(n).as("a message from the tracker").isNotNull();
            return n;
        }
    }

    private static String bin(String hex) {
        return BinaryIds.fromHex(hex);
    }

    private static String announce(String infoHashHex, String peerId, String extra) throws Exception {
        return "{\"action\":\"announce\",\"info_hash\":" + JSON.writeValueAsString(bin(infoHashHex)) + ",\"peer_id\":"
                + JSON.writeValueAsString(peerId) + ",\"left\":100" + extra + "}";
    }

    @Test
    void offers_and_answers_are_relayed_between_two_sockets() throws Exception {
        String hash = infohashes.getFirst();
        RawPeer a = RawPeer.connect(tandem);
        RawPeer b = RawPeer.connect(tandem);
        a.send(announce(hash, "-WW0200-aaaaaaaaaaaa", ",\"event\":\"started\",\"numwant\":5,\"offers\":[]"));
        assertThat(a.next().get("interval").asInt()).isEqualTo(120);
        b.send(announce(hash, "-WW0200-bbbbbbbbbbbb", ",\"event\":\"started\",\"numwant\":1,"
                + "\"offers\":[{\"offer\":{\"type\":\"offer\",\"sdp\":\"v=0 b\"},\"offer_id\":\"o1\"}]"));
        assertThat(b.next().get("incomplete").asInt()).isEqualTo(2);
        JsonNode offer = a.next();
        assertThat(offer.get("peer_id").asText()).isEqualTo("-WW0200-bbbbbbbbbbbb");
        assertThat(offer.at("/offer/sdp").asText()).isEqualTo("v=0 b");
        a.send(announce(hash, "-WW0200-aaaaaaaaaaaa", ",\"to_peer_id\":\"-WW0200-bbbbbbbbbbbb\",\"offer_id\":\"o1\","
                + "\"answer\":{\"type\":\"answer\",\"sdp\":\"v=0 a\"}"));
        JsonNode answer = b.next();
        assertThat(answer.at("/answer/sdp").asText()).isEqualTo("v=0 a");
        assertThat(answer.get("offer_id").asText()).isEqualTo("o1");
        a.ws.sendClose(1000, "bye").join();
        b.send(announce(hash, "-WW0200-bbbbbbbbbbbb", ""));
        // Closing a socket leaves every swarm: b is alone again.
        JsonNode reply = b.next();
        for (int i = 0; i < 20 && reply.get("incomplete").asInt() != 1; i++) {
            Thread.sleep(100);
            b.send(announce(hash, "-WW0200-bbbbbbbbbbbb", ""));
            reply = b.next();
        }
        assertThat(reply.get("incomplete").asInt()).isEqualTo(1);
        b.ws.sendClose(1000, "bye").join();
    }

    @Test
    void the_dedicated_listener_is_advertised_and_shares_swarms_with_the_main_port() throws Exception {
        assertThat(advertised).contains(dedicatedUrl).doesNotContain(tandem.baseUrl().replace("http", "ws"));
        String hash = infohashes.getFirst();
        RawPeer a = RawPeer.connect(tandem);
        RawPeer b = RawPeer.connect(dedicatedUrl);
        a.send(announce(hash, "-WW0200-cccccccccccc", ",\"event\":\"started\",\"numwant\":5,\"offers\":[]"));
        assertThat(a.next().get("interval").asInt()).isEqualTo(120);
        b.send(announce(hash, "-WW0200-dddddddddddd", ",\"event\":\"started\",\"numwant\":1,"
                + "\"offers\":[{\"offer\":{\"type\":\"offer\",\"sdp\":\"v=0 d\"},\"offer_id\":\"o2\"}]"));
        assertThat(b.next().get("interval").asInt()).isEqualTo(120);
        JsonNode offer = a.next();
        assertThat(offer.get("peer_id").asText()).isEqualTo("-WW0200-dddddddddddd");
        a.send(announce(hash, "-WW0200-cccccccccccc", ",\"to_peer_id\":\"-WW0200-dddddddddddd\",\"offer_id\":\"o2\","
                + "\"answer\":{\"type\":\"answer\",\"sdp\":\"v=0 c\"}"));
        assertThat(b.next().at("/answer/sdp").asText()).isEqualTo("v=0 c");
        a.ws.sendClose(1000, "bye").join();
        b.ws.sendClose(1000, "bye").join();
        assertThat(b.closed.get(10, TimeUnit.SECONDS)).isEqualTo(1000);
    }

    @Test
    void a_peer_that_vanishes_without_a_close_frame_leaves_its_swarm() throws Exception {
        // Helidon does not report such a disconnect to the listener; the failed relay to it must.
        String hash = infohashes.getFirst();
        try (TrackerWebSocketServerTest.Raw ghost = TrackerWebSocketServerTest.Raw.open(URI.create(tandem.baseUrl()).getPort())) {
            ghost.text(announce(hash, "-WW0200-gggggggggggg", ",\"offers\":[]"));
            assertThat(ghost.json().get("interval").asInt()).isEqualTo(120);
        } // TCP close, no close frame
        RawPeer b = RawPeer.connect(tandem);
        int others = -1;
        for (int i = 0; i < 50 && others != 0; i++) {
            if (i > 0) Thread.sleep(100);
            b.send(announce(hash, "-WW0200-hhhhhhhhhhhh", ",\"numwant\":1,\"offers\":[{\"offer\":{\"type\":\"offer\",\"sdp\":\"x\"},\"offer_id\":\"o" + i + "\"}]"));
            others = b.next().get("incomplete").asInt() - 1;
        }
        assertThat(others).isZero();
        b.ws.sendClose(1000, "bye").join();
    }

    @Test
    void two_real_webtorrent_clients_meet_over_webrtc() throws Exception {
        realClientsMeet(tandem.baseUrl().replace("http", "ws") + "/tracker/socket");
    }

    @Test
    void two_real_webtorrent_clients_meet_over_webrtc_through_the_dedicated_listener() throws Exception {
        realClientsMeet(dedicatedUrl);
    }

    private static void realClientsMeet(String url) throws Exception {
        Path script = Path.of("interop/tracker-peers.mjs");
        assertThat(Path.of("interop/node_modules/bittorrent-tracker")).as("run ./tandem test (installs interop/)").isDirectory();
        Process p = new ProcessBuilder("node", script.toAbsolutePath().toString(), url, infohashes.getFirst())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        JsonNode result = JSON.readTree(out.lines().filter(l -> l.startsWith("{")).reduce((x, y) -> y).orElseThrow());
        assertThat(result.get("connected").asInt()).isEqualTo(2);
        assertThat(result.get("maxSeenPeers").asInt()).isEqualTo(2);
    }

    @Test
    void an_unknown_infohash_closes_the_socket_and_bans_the_address() throws Exception {
        try (TestInstance other = TestInstance.start()) {
            RawPeer intruder = RawPeer.connect(other);
            intruder.send(announce("cd".repeat(20), "-WW0200-xxxxxxxxxxxx", ",\"offers\":[]"));
            assertThat(intruder.closed.get(10, TimeUnit.SECONDS)).isNotNull();
            RawPeer again = RawPeer.connect(other);
            assertThat(again.closed.get(10, TimeUnit.SECONDS)).isNotNull();
            assertThat(other.client().get("/api/v1/config").status()).as("HTTP still serves").isEqualTo(200);
        }
    }
}
