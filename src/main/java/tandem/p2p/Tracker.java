package tandem.p2p;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A private WebTorrent tracker over WebSocket, speaking what PeerTube's player expects: announces
 * with WebRTC offers relayed to random peers of the swarm, answers relayed to one peer, scrape,
 * `stopped`, close = stopped everywhere. Only swarms the directory knows are served; asking for
 * another bans the IP for a while. Every table is bounded, so hostile clients cannot grow memory.
 * One lock guards the state; JSON work and socket writes happen outside it.
 */
public final class Tracker {
    private static final Logger log = LoggerFactory.getLogger(Tracker.class);
    private static final int MAX_PEERS_PER_CONNECTION_AND_SWARM = 8;

    private final SwarmDirectory directory;
    private final TrackerLimits limits;
    private final Clock clock;
    private final ObjectMapper json;
    private final Object lock = new Object();
    private final Map<String, Swarm> swarms = new HashMap<>();
    private final Map<PeerConnection, Conn> connections = new IdentityHashMap<>();
    private final Map<String, Long> bannedUntil = lru(100_000);
    private final Map<String, long[]> rate;

    private long announces;
    private long relayedOffers;
    private long rejected;

    /** A peer in one swarm. */
    private record Peer(PeerConnection conn, String peerId, boolean complete, long lastSeen) {}

    /** The peers of one infohash, least recently seen first. */
    private static final class Swarm {
        final LinkedHashMap<String, Peer> peers = new LinkedHashMap<>(16, 0.75f, true);
    }

    /**
     * What one connection joined. Clients pool one socket per tracker, so several peers (torrents
     * of one page) may share it: peer ids are kept per swarm.
     */
    private static final class Conn {
        final String ip;
        final Map<String, Set<String>> peerIdsBySwarm = new HashMap<>();

        Conn(String ip) {
            this.ip = ip;
        }
    }

    public Tracker(SwarmDirectory directory, TrackerLimits limits, Clock clock, ObjectMapper json) {
        this.directory = directory;
        this.limits = limits;
        this.clock = clock;
        this.json = json;
        this.rate = lru(limits.maxTrackedIps());
    }

    private static <V> Map<String, V> lru(int max) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> e) {
                return size() > max;
            }
        };
    }

    /** Refuses banned IPs at once. */
    public void onOpen(PeerConnection c) {
        synchronized (lock) {
            Long until = bannedUntil.get(c.ip());
            if (until != null && until > clock.millis()) {
                rejected++;
            } else {
                connections.put(c, new Conn(c.ip()));
                return;
            }
        }
        c.close();
    }

    public void onClose(PeerConnection c) {
        synchronized (lock) {
            Conn conn = connections.remove(c);
            if (conn == null) return;
            conn.peerIdsBySwarm.forEach((hash, ids) -> ids.forEach(peerId -> leave(hash, peerId, c)));
        }
    }

    private void leave(String hash, String peerId, PeerConnection c) {
        Swarm s = swarms.get(hash);
        if (s == null) return;
        Peer p = s.peers.get(peerId);
        if (p != null && p.conn() == c) s.peers.remove(peerId);
        if (s.peers.isEmpty()) swarms.remove(hash);
    }

    /** Handles one text frame. Never throws: a bad message gets a failure reason, nothing more. */
    public void onMessage(PeerConnection c, String text) {
        List<Runnable> sends = new ArrayList<>();
        try {
            if (text.length() > limits.maxMessageChars()) {
                fail(c, null, null, "message too large");
                return;
            }
            TrackerMessage msg;
            try {
                msg = TrackerMessage.parse(json.getFactory(), text);
            } catch (TrackerMessage.Malformed e) {
                fail(c, null, null, e.getMessage());
                return;
            }
            switch (msg.action()) {
                case "announce" -> announce(c, msg, sends);
                case "scrape" -> scrape(c, msg, sends);
                default -> fail(c, msg.action(), null, "unknown action");
            }
        } catch (RuntimeException e) {
            log.warn("tracker message from {} failed", c.ip(), e);
            fail(c, null, null, "internal error");
        } finally {
            sends.forEach(Runnable::run);
        }
    }

    private boolean overRate(String ip, long now) {
        long[] w = rate.computeIfAbsent(ip, k -> new long[] {now, 0});
        if (now - w[0] > limits.window().toMillis()) {
            w[0] = now;
            w[1] = 0;
        }
        return ++w[1] > limits.messagesPerWindow();
    }

    private void announce(PeerConnection c, TrackerMessage msg, List<Runnable> sends) {
        String hash = BinaryIds.toHex(msg.infoHash());
        String peerHex = BinaryIds.toHex(msg.peerId());
        if (hash == null || peerHex == null) {
            fail(c, "announce", msg.infoHashJson(), "info_hash and peer_id must be 20-byte strings");
            return;
        }
        if (!directory.serves(hash)) {
            ban(c);
            return;
        }
        if (msg.offersInvalid()) {
            fail(c, "announce", msg.infoHashJson(), "offers must be a list of {offer, offer_id}");
            return;
        }
        String peerId = msg.peerId();
        String prefix = "{\"action\":\"announce\",\"info_hash\":" + msg.infoHashJson();
        long now = clock.millis();
        synchronized (lock) {
            Conn conn = connections.get(c);
            if (conn == null) return;
            if (overRate(conn.ip, now)) {
                rejected++;
                sends.add(() -> fail(c, "announce", msg.infoHashJson(), "too many announces, slow down"));
                return;
            }
            announces++;
            String event = msg.event();
            if (event.equals("stopped")) {
                leave(hash, peerId, c);
                Set<String> ids = conn.peerIdsBySwarm.get(hash);
                if (ids != null && ids.remove(peerId) && ids.isEmpty()) conn.peerIdsBySwarm.remove(hash);
            } else {
                Set<String> ids = conn.peerIdsBySwarm.get(hash);
                if (ids == null && conn.peerIdsBySwarm.size() >= limits.maxSwarmsPerConnection()
                        || ids != null && !ids.contains(peerId) && ids.size() >= MAX_PEERS_PER_CONNECTION_AND_SWARM) {
                    sends.add(() -> fail(c, "announce", msg.infoHashJson(), "too many peers or swarms on one connection"));
                    return;
                }
                Swarm s = swarms.computeIfAbsent(hash, k -> new Swarm());
                boolean complete = event.equals("completed") || msg.left() == 0;
                s.peers.put(peerId, new Peer(c, peerId, complete, now));
                while (s.peers.size() > limits.maxPeersPerSwarm()) {
                    Iterator<Map.Entry<String, Peer>> it = s.peers.entrySet().iterator();
                    it.next();
                    it.remove();
                }
                conn.peerIdsBySwarm.computeIfAbsent(hash, k -> new HashSet<>()).add(peerId);
            }
            Swarm s = swarms.get(hash);
            if (msg.answerJson() != null) {
                // An answer goes to exactly one peer and gets no reply of its own.
                Peer to = s == null || msg.toPeerId() == null ? null : s.peers.get(msg.toPeerId());
                if (to != null) {
                    String out = prefix + ",\"peer_id\":" + msg.peerIdJson() + ",\"answer\":" + msg.answerJson()
                            + ",\"offer_id\":" + (msg.offerIdJson() == null ? "null" : msg.offerIdJson()) + "}";
                    PeerConnection target = to.conn();
                    sends.add(() -> target.send(out));
                }
                return;
            }
            int[] counts = counts(s);
            String reply = "{\"action\":\"announce\",\"interval\":" + limits.interval().toSeconds() + ",\"info_hash\":"
                    + msg.infoHashJson() + ",\"complete\":" + counts[0] + ",\"incomplete\":" + counts[1] + "}";
            sends.add(() -> c.send(reply));
            if (s == null || msg.offers().isEmpty() || event.equals("stopped")) return;
            int want = Math.min(msg.offers().size(), limits.maxOffers());
            if (msg.numwant() >= 0) want = Math.min(want, msg.numwant());
            List<Peer> others = new ArrayList<>(Math.min(s.peers.size(), 128));
            for (Peer p : s.peers.values()) if (!p.peerId().equals(peerId)) others.add(p);
            for (int i = 0; i < want && !others.isEmpty(); i++) {
                TrackerMessage.RawOffer o = msg.offers().get(i);
                Peer target = others.remove(ThreadLocalRandom.current().nextInt(others.size()));
                String out = prefix + ",\"peer_id\":" + msg.peerIdJson() + ",\"offer\":" + o.offerJson() + ",\"offer_id\":" + o.offerIdJson() + "}";
                PeerConnection to = target.conn();
                sends.add(() -> to.send(out));
                relayedOffers++;
            }
        }
    }

    private void scrape(PeerConnection c, TrackerMessage msg, List<Runnable> sends) {
        List<String> hashes = msg.infoHashes();
        if (hashes.isEmpty() || hashes.size() > 100) {
            fail(c, "scrape", null, "scrape needs 1 to 100 info_hash values");
            return;
        }
        ObjectNode files = json.createObjectNode();
        synchronized (lock) {
            Conn conn = connections.get(c);
            if (conn == null || overRate(conn.ip, clock.millis())) return;
            for (String h : hashes) {
                String hex = BinaryIds.toHex(h);
                if (hex == null) continue;
                int[] counts = counts(swarms.get(hex));
                files.putObject(h).put("complete", counts[0]).put("incomplete", counts[1]).put("downloaded", counts[0]);
            }
        }
        ObjectNode out = json.createObjectNode().put("action", "scrape");
        out.set("files", files);
        out.putObject("flags").put("min_request_interval", limits.interval().toSeconds());
        sends.add(() -> c.send(out.toString()));
    }

    /** Seeders and leechers of a swarm (none when it does not exist). */
    private static int[] counts(Swarm s) {
        int[] c = new int[2];
        if (s != null) {
            for (Peer p : s.peers.values()) c[p.complete() ? 0 : 1]++;
        }
        return c;
    }

    /** An unknown swarm: PeerTube's rule, disconnect and refuse this IP for a while. */
    private void ban(PeerConnection c) {
        synchronized (lock) {
            bannedUntil.put(c.ip(), clock.millis() + limits.banFor().toMillis());
            rejected++;
        }
        log.info("tracker: unknown infohash from {}, banned for {}", c.ip(), limits.banFor());
        onClose(c);
        c.close();
    }

    private void fail(PeerConnection c, String action, String infoHashJson, String reason) {
        ObjectNode out = json.createObjectNode();
        if (action != null) out.put("action", action);
        out.put("failure reason", reason);
        String text = out.toString();
        if (infoHashJson != null) text = text.substring(0, text.length() - 1) + ",\"info_hash\":" + infoHashJson + "}";
        c.send(text);
    }

    /** Drops peers idle for longer than the limit; the HTTP layer calls it periodically. */
    public int sweep() {
        long cutoff = clock.millis() - limits.peerIdle().toMillis();
        int removed = 0;
        synchronized (lock) {
            Iterator<Map.Entry<String, Swarm>> it = swarms.entrySet().iterator();
            while (it.hasNext()) {
                Swarm s = it.next().getValue();
                Iterator<Peer> pit = s.peers.values().iterator();
                while (pit.hasNext()) {
                    Peer p = pit.next();
                    if (p.lastSeen() < cutoff) {
                        pit.remove();
                        removed++;
                        Conn conn = connections.get(p.conn());
                        if (conn != null) conn.peerIdsBySwarm.values().forEach(ids -> ids.remove(p.peerId()));
                    }
                }
                if (s.peers.isEmpty()) it.remove();
            }
            long now = clock.millis();
            bannedUntil.values().removeIf(until -> until <= now);
        }
        return removed;
    }

    /** Counters for metrics and the admin page. */
    public record Stats(int swarms, int peers, int connections, long announces, long relayedOffers, long rejected) {}

    public Stats stats() {
        synchronized (lock) {
            int peers = 0;
            for (Swarm s : swarms.values()) peers += s.peers.size();
            return new Stats(swarms.size(), peers, connections.size(), announces, relayedOffers, rejected);
        }
    }

    /** Peer ids in a swarm, for tests and diagnostics. */
    public Set<String> peersOf(String infoHashHex) {
        synchronized (lock) {
            Swarm s = swarms.get(infoHashHex);
            return s == null ? Set.of() : new HashSet<>(s.peers.keySet());
        }
    }
}
