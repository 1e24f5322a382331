package tandem.p2p;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The peers of one infohash: by id, least recently seen first (for eviction and expiry), and in
 * an array so that random peers are picked without copying the swarm. Seeders are counted as
 * peers come and go, so a reply's counts cost nothing.
 * Not thread-safe: the Tracker's lock guards every swarm.
 */
final class Swarm {
    final LinkedHashMap<String, Peer> peers = new LinkedHashMap<>(16, 0.75f, true);
    Peer[] slots = new Peer[4];
    int seeders;

    void add(Peer p) {
        int n = peers.size();
        if (n == slots.length) slots = Arrays.copyOf(slots, n * 2);
        p.slot = n;
        slots[n] = p;
        peers.put(p.peerId, p);
        if (p.complete) seeders++;
    }

    /** Removes it from the array; the caller removes it from the map (directly or through an iterator). */
    void unslot(Peer p) {
        int last = peers.size() - 1;
        Peer moved = slots[last];
        slots[p.slot] = moved;
        moved.slot = p.slot;
        slots[last] = null;
        if (p.complete) seeders--;
    }

    void remove(Peer p) {
        unslot(p);
        peers.remove(p.peerId);
    }

    void setComplete(Peer p, boolean complete) {
        if (p.complete != complete) seeders += complete ? 1 : -1;
        p.complete = complete;
    }

    /** Up to `want` distinct random peers of the swarm other than `me`, without copying the swarm when it is large. */
    Peer[] pickOthers(Peer me, int want) {
        int n = peers.size();
        int others = n - (me == null ? 0 : 1);
        if (want <= 0 || others <= 0) return new Peer[0];
        if (others <= want) {
            Peer[] all = new Peer[others];
            for (int i = 0, j = 0; i < n; i++) if (slots[i] != me) all[j++] = slots[i];
            return all;
        }
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        Peer[] out = new Peer[want];
        if (want * 4 <= others) {
            // Few among many: draw slots, drawing again on `me` or a repeat (rare).
            for (int k = 0; k < want; ) {
                Peer p = slots[rnd.nextInt(n)];
                if (p == me || p.slot < 0) continue;
                out[k++] = p;
                p.slot = ~p.slot; // marks it drawn
            }
            for (Peer p : out) p.slot = ~p.slot;
            return out;
        }
        // Many among few: a partial shuffle of the others.
        Peer[] all = new Peer[others];
        for (int i = 0, j = 0; i < n; i++) if (slots[i] != me) all[j++] = slots[i];
        for (int k = 0; k < want; k++) {
            int r = k + rnd.nextInt(others - k);
            Peer t = all[r];
            all[r] = all[k];
            all[k] = t;
            out[k] = t;
        }
        return out;
    }

    /** A peer in one swarm; `slot` is its place in the swarm's array of peers. */
    static final class Peer {
        final String peerId;
        PeerConnection conn;
        boolean complete;
        long lastSeen;
        int slot;

        Peer(String peerId) {
            this.peerId = peerId;
        }
    }
}
