package tandem.p2p;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The tracker's protocol and its defences, with in-memory peers and a clock we move by hand. */
class TrackerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KNOWN = BinaryIds.fromHex("aa".repeat(20));
    private static final String UNKNOWN = BinaryIds.fromHex("bb".repeat(20));

    /** A fake peer socket recording what the tracker sends. */
    static final class FakePeer implements PeerConnection {
        final String ip;
        final List<JsonNode> received = new ArrayList<>();
        boolean closed;

        FakePeer(String ip) {
            this.ip = ip;
        }

        @Override
        public String ip() {
            return ip;
        }

        @Override
        public synchronized void send(String json) {
            try {
                received.add(JSON.readTree(json));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }

        @Override
        public void close() {
            closed = true;
        }

        JsonNode last() {
            return received.getLast();
        }
    }

    /** A clock the test moves. */
    static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final MovableClock clock = new MovableClock();
    private final Tracker tracker = new Tracker(hex -> hex.equals("aa".repeat(20)), TrackerLimits.defaults(), clock, JSON);

    private static String peerId(char c) {
        return String.valueOf(c).repeat(20);
    }

    private FakePeer connect(String ip) {
        FakePeer p = new FakePeer(ip);
        tracker.onOpen(p);
        return p;
    }

    private static String announce(String infoHash, String peerId, int offers, String extra) {
        StringBuilder o = new StringBuilder("[");
        for (int i = 0; i < offers; i++) {
            if (i > 0) o.append(',');
            o.append("{\"offer\":{\"type\":\"offer\",\"sdp\":\"sdp-").append(i).append("\"},\"offer_id\":\"id").append(i).append("\"}");
        }
        o.append(']');
        return "{\"action\":\"announce\",\"info_hash\":" + JSON.valueToTree(infoHash) + ",\"peer_id\":" + JSON.valueToTree(peerId)
                + ",\"numwant\":" + offers + ",\"left\":100,\"offers\":" + o + extra + "}";
    }

    @Test
    void offers_reach_other_peers_and_answers_come_back() {
        FakePeer a = connect("10.0.0.1");
        FakePeer b = connect("10.0.0.2");
        tracker.onMessage(a, announce(KNOWN, peerId('a'), 0, ",\"event\":\"started\""));
        assertThat(a.last().get("interval").asInt()).isEqualTo(120);
        assertThat(a.last().get("incomplete").asInt()).isEqualTo(1);

        tracker.onMessage(b, announce(KNOWN, peerId('b'), 3, ",\"event\":\"started\""));
        assertThat(b.last().get("incomplete").asInt()).isEqualTo(2);
        JsonNode offer = a.last();
        assertThat(offer.get("peer_id").asText()).isEqualTo(peerId('b'));
        assertThat(offer.at("/offer/sdp").asText()).isEqualTo("sdp-0");
        assertThat(a.received).hasSize(2); // one reply, one offer: only one other peer exists

        int bBefore = b.received.size();
        tracker.onMessage(a, "{\"action\":\"announce\",\"info_hash\":" + JSON.valueToTree(KNOWN) + ",\"peer_id\":" + JSON.valueToTree(peerId('a'))
                + ",\"to_peer_id\":" + JSON.valueToTree(peerId('b')) + ",\"answer\":{\"type\":\"answer\",\"sdp\":\"ans\"},\"offer_id\":\"id0\"}");
        assertThat(b.received).hasSize(bBefore + 1);
        assertThat(b.last().at("/answer/sdp").asText()).isEqualTo("ans");
        assertThat(b.last().get("peer_id").asText()).isEqualTo(peerId('a'));
        assertThat(b.last().get("offer_id").asText()).isEqualTo("id0");
    }

    @Test
    void stopped_and_closed_peers_leave_their_swarms() {
        FakePeer a = connect("10.0.0.1");
        FakePeer b = connect("10.0.0.2");
        tracker.onMessage(a, announce(KNOWN, peerId('a'), 0, ""));
        tracker.onMessage(b, announce(KNOWN, peerId('b'), 0, ""));
        assertThat(tracker.peersOf("aa".repeat(20))).hasSize(2);
        tracker.onMessage(a, announce(KNOWN, peerId('a'), 0, ",\"event\":\"stopped\""));
        assertThat(tracker.peersOf("aa".repeat(20))).containsExactly(peerId('b'));
        tracker.onClose(b);
        assertThat(tracker.peersOf("aa".repeat(20))).isEmpty();
        assertThat(tracker.stats().swarms()).isZero();
    }

    @Test
    void scrape_counts_seeders_and_leechers() {
        FakePeer a = connect("10.0.0.1");
        tracker.onMessage(a, announce(KNOWN, peerId('a'), 0, ",\"event\":\"completed\"").replace("\"left\":100", "\"left\":0"));
        tracker.onMessage(a, "{\"action\":\"scrape\",\"info_hash\":[" + JSON.valueToTree(KNOWN) + "]}");
        assertThat(a.last().get("action").asText()).isEqualTo("scrape");
        assertThat(a.last().get("files").get(KNOWN).get("complete").asInt()).isEqualTo(1);
    }

    @Test
    void an_unknown_infohash_disconnects_and_bans_the_ip_for_a_while() {
        FakePeer bad = connect("10.6.6.6");
        tracker.onMessage(bad, announce(UNKNOWN, peerId('x'), 1, ""));
        assertThat(bad.closed).isTrue();
        FakePeer again = connect("10.6.6.6");
        assertThat(again.closed).isTrue();
        FakePeer other = connect("10.0.0.9");
        assertThat(other.closed).isFalse();
        clock.now = clock.now.plus(Duration.ofMinutes(4));
        assertThat(connect("10.6.6.6").closed).isFalse();
    }

    @Test
    void malformed_messages_get_a_failure_reason_and_harm_nothing() {
        FakePeer good = connect("10.0.0.1");
        tracker.onMessage(good, announce(KNOWN, peerId('g'), 0, ""));
        FakePeer p = connect("10.0.0.2");
        for (String junk : List.of("not json", "[1,2]", "{\"action\":\"dance\"}", "{\"action\":\"announce\",\"info_hash\":42,\"peer_id\":true}",
                "{\"action\":\"announce\",\"info_hash\":\"short\",\"peer_id\":\"" + peerId('p') + "\"}",
                "{\"action\":\"announce\",\"info_hash\":" + JSON.valueToTree(KNOWN) + ",\"peer_id\":" + JSON.valueToTree(peerId('p')) + ",\"offers\":\"nope\",\"numwant\":\"x\"}",
                "{\"action\":\"announce\",\"info_hash\":" + JSON.valueToTree(KNOWN) + ",\"peer_id\":" + JSON.valueToTree(peerId('p')) + ",\"offers\":[1,null,{}]}",
                "{\"action\":\"scrape\"}", "x".repeat(300_000))) {
            tracker.onMessage(p, junk);
        }
        assertThat(p.closed).isFalse();
        assertThat(p.received).allSatisfy(m -> assertThat(m.has("failure reason") || m.has("interval")).isTrue());
        assertThat(p.received.stream().filter(m -> m.has("failure reason")).count()).isGreaterThanOrEqualTo(7);
        assertThat(tracker.peersOf("aa".repeat(20))).contains(peerId('g'));
    }

    @Test
    void a_flood_from_one_ip_is_cut_off_while_other_peers_keep_working() {
        FakePeer flooder = connect("10.9.9.9");
        for (int i = 0; i < 10_000; i++) {
            tracker.onMessage(flooder, announce(KNOWN, String.format("%020d", i), 2, ""));
        }
        long refused = flooder.received.stream().filter(m -> m.path("failure reason").asText().contains("too many")).count();
        assertThat(refused).isGreaterThan(9_000);
        assertThat(tracker.peersOf("aa".repeat(20)).size()).isLessThanOrEqualTo(TrackerLimits.defaults().maxPeersPerSwarm());
        FakePeer good = connect("10.0.0.1");
        tracker.onMessage(good, announce(KNOWN, peerId('g'), 1, ""));
        assertThat(good.received.getFirst().has("interval")).isTrue();
    }

    @Test
    void swarms_are_capped_and_idle_peers_expire() {
        Tracker small = new Tracker(hex -> true, TrackerLimits.defaults(), clock, JSON);
        List<FakePeer> peers = new ArrayList<>();
        for (int i = 0; i < 1200; i++) {
            FakePeer p = new FakePeer("10.1." + (i / 250) + "." + (i % 250));
            small.onOpen(p);
            small.onMessage(p, announce(KNOWN, String.format("%020d", i), 0, ""));
            peers.add(p);
        }
        assertThat(small.peersOf("aa".repeat(20))).hasSize(1000);
        clock.now = clock.now.plus(Duration.ofMinutes(21));
        assertThat(small.sweep()).isEqualTo(1000);
        assertThat(small.stats().swarms()).isZero();
        assertThat(Set.copyOf(peers).size()).isEqualTo(1200);
    }

    @Test
    void offers_go_to_distinct_random_peers_never_back_to_the_sender() {
        // Swarm sizes around each way of picking: all others, a shuffle of few, draws among many.
        for (int size : new int[] {2, 4, 6, 50}) {
            Tracker t = new Tracker(hex -> true, TrackerLimits.defaults(), clock, JSON);
            List<FakePeer> peers = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                FakePeer p = new FakePeer("10.2.0." + i);
                t.onOpen(p);
                t.onMessage(p, announce(KNOWN, String.format("%020d", i), 0, ""));
                peers.add(p);
            }
            java.util.Map<String, Integer> seen = new java.util.HashMap<>();
            for (int round = 0; round < 30; round++) {
                peers.forEach(p -> p.received.clear());
                t.onMessage(peers.getFirst(), announce(KNOWN, String.format("%020d", 0), 3, ""));
                List<FakePeer> got = peers.stream().filter(p -> p.received.stream().anyMatch(m -> m.has("offer"))).toList();
                assertThat(got).hasSize(Math.min(3, size - 1)).doesNotContain(peers.getFirst());
                assertThat(got).allSatisfy(p -> assertThat(p.received.stream().filter(m -> m.has("offer")).count()).isEqualTo(1));
                got.forEach(p -> seen.merge(p.ip, 1, Integer::sum));
            }
            if (size == 50) assertThat(seen.size()).as("offers spread over the swarm").isGreaterThan(20);
            assertThat(peers.getFirst().received.getFirst().get("incomplete").asInt()).isEqualTo(size);
        }
    }

    @Test
    void infohashes_follow_peertubes_derivation() {
        // sha1("2" + master + "+V0"), the value PeerTube's player announces for the first variant.
        List<String> h = Infohashes.forMaster("https://example.org/static/streaming-playlists/hls/u/k-master.m3u8", 2);
        assertThat(h).hasSize(2).doesNotHaveDuplicates();
        assertThat(h.getFirst()).isEqualTo(Infohashes.sha1Hex("2https://example.org/static/streaming-playlists/hls/u/k-master.m3u8+V0"));
        assertThat(Infohashes.sha1Hex("abc")).isEqualTo("a9993e364706816aba3e25717850c26c9cd0d89d");
    }
}
