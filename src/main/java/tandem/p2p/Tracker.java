package tandem.p2p;

import tandem.core.Lru;

import tandem.p2p.Swarm.Peer;

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
import java.util.List;
import java.util.Map;
import java.util.Set;

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
    private final Map<String, Long> bannedUntil = Lru.map(100_000);
    private final Map<String, long[]> rate;
    private final String replyHead;

    private long announces;
    private long relayedOffers;
    private long rejected;

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

        void forget(String hash, String peerId) {
            Set<String> ids = peerIdsBySwarm.get(hash);
            if (ids != null && ids.remove(peerId) && ids.isEmpty()) peerIdsBySwarm.remove(hash);
        }
    }

    public Tracker(SwarmDirectory directory, TrackerLimits limits, Clock clock, ObjectMapper json) {
        this.directory = directory;
        this.limits = limits;
        this.clock = clock;
        this.json = json;
        this.rate = Lru.map(limits.maxTrackedIps());
        this.replyHead = "{\"action\":\"announce\",\"interval\":" + limits.interval().toSeconds() + ",\"info_hash\":";
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
        if (p != null && p.conn == c) s.remove(p);
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
        if (hash == null || !BinaryIds.isBinaryId(msg.peerId())) {
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
            Peer me = null;
            if (event.equals("stopped")) {
                leave(hash, peerId, c);
                conn.forget(hash, peerId);
            } else {
                Set<String> ids = conn.peerIdsBySwarm.get(hash);
                if (ids == null && conn.peerIdsBySwarm.size() >= limits.maxSwarmsPerConnection()
                        || ids != null && !ids.contains(peerId) && ids.size() >= MAX_PEERS_PER_CONNECTION_AND_SWARM) {
                    sends.add(() -> fail(c, "announce", msg.infoHashJson(), "too many peers or swarms on one connection"));
                    return;
                }
                Swarm s = swarms.computeIfAbsent(hash, k -> new Swarm());
                boolean complete = event.equals("completed") || msg.left() == 0;
                me = s.peers.get(peerId);
                if (me == null) {
                    me = new Peer(peerId);
                    me.complete = complete;
                    me.conn = c;
                    s.add(me);
                    if (s.peers.size() > limits.maxPeersPerSwarm()) evictEldest(hash, s);
                } else {
                    s.setComplete(me, complete);
                    me.conn = c;
                }
                me.lastSeen = now;
                if (ids == null) conn.peerIdsBySwarm.put(hash, ids = new HashSet<>(4));
                ids.add(peerId);
            }
            Swarm s = swarms.get(hash);
            if (msg.answerJson() != null) {
                // An answer goes to exactly one peer and gets no reply of its own.
                Peer to = s == null || msg.toPeerId() == null ? null : s.peers.get(msg.toPeerId());
                if (to != null) {
                    String out = prefix + ",\"peer_id\":" + msg.peerIdJson() + ",\"answer\":" + msg.answerJson()
                            + ",\"offer_id\":" + (msg.offerIdJson() == null ? "null" : msg.offerIdJson()) + "}";
                    PeerConnection target = to.conn;
                    sends.add(() -> target.send(out));
                }
                return;
            }
            int seeders = s == null ? 0 : s.seeders, leechers = s == null ? 0 : s.peers.size() - s.seeders;
            String reply = replyHead + msg.infoHashJson() + ",\"complete\":" + seeders + ",\"incomplete\":" + leechers + "}";
            sends.add(() -> c.send(reply));
            if (s == null || msg.offers().isEmpty() || event.equals("stopped")) return;
            int want = Math.min(msg.offers().size(), limits.maxOffers());
            if (msg.numwant() >= 0) want = Math.min(want, msg.numwant());
            Peer[] targets = s.pickOthers(me, want);
            String from = prefix + ",\"peer_id\":" + msg.peerIdJson() + ",\"offer\":";
            for (int i = 0; i < targets.length; i++) {
                TrackerMessage.RawOffer o = msg.offers().get(i);
                String out = from + o.offerJson() + ",\"offer_id\":" + o.offerIdJson() + "}";
                PeerConnection to = targets[i].conn;
                sends.add(() -> to.send(out));
                relayedOffers++;
            }
        }
    }

    /** A full swarm drops its least recently seen peer, which also leaves its connection's list. */
    private void evictEldest(String hash, Swarm s) {
        Peer old = s.peers.values().iterator().next();
        s.remove(old);
        Conn owner = connections.get(old.conn);
        if (owner != null) owner.forget(hash, old.peerId);
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
                Swarm s = swarms.get(hex);
                int seeders = s == null ? 0 : s.seeders, leechers = s == null ? 0 : s.peers.size() - s.seeders;
                files.putObject(h).put("complete", seeders).put("incomplete", leechers).put("downloaded", seeders);
            }
        }
        ObjectNode out = json.createObjectNode().put("action", "scrape");
        out.set("files", files);
        out.putObject("flags").put("min_request_interval", limits.interval().toSeconds());
        sends.add(() -> c.send(out.toString()));
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
                Map.Entry<String, Swarm> e = it.next();
                Swarm s = e.getValue();
                Iterator<Peer> pit = s.peers.values().iterator();
                while (pit.hasNext()) {
                    Peer p = pit.next();
                    if (p.lastSeen < cutoff) {
                        s.unslot(p);
                        pit.remove();
                        removed++;
                        Conn conn = connections.get(p.conn);
                        if (conn != null) conn.forget(e.getKey(), p.peerId);
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
