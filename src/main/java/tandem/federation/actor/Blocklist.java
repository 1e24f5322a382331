package tandem.federation.actor;

import org.jdbi.v3.core.Handle;

import java.time.Clock;
import java.util.List;
import java.util.Locale;

/**
 * Instances and remote accounts the admin blocked: their activities are refused at the inbox, we
 * deliver nothing to them, and their videos leave the lists (the video queries exclude them).
 */
public final class Blocklist {
    /** Blocks change rarely and are read on every inbox POST: a snapshot, re-read after a change or 5 s (other nodes). */
    private static final long SNAPSHOT_MILLIS = 5_000;

    private final BlocklistStore store;
    private final Clock clock;
    private volatile Snapshot snapshot;

    private record Snapshot(java.util.Set<String> hosts, java.util.Set<Long> accounts, long readAt) {}

    /** A blocked instance or account, with when it was blocked. */
    public record Blocked(String host, long accountId, String name, String displayName, long createdAt) {}

    public Blocklist(BlocklistStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    private Snapshot current() {
        Snapshot s = snapshot;
        if (s != null && clock.millis() - s.readAt() < SNAPSHOT_MILLIS) return s;
        BlocklistStore.Blocks all = store.all();
        s = new Snapshot(all.hosts(), all.accounts(), clock.millis());
        snapshot = s;
        return s;
    }

    public boolean isServerBlocked(String host) {
        return current().hosts().contains(host.toLowerCase(Locale.ROOT));
    }

    /** Every blocked host at once, for a fan-out that checks a thousand inboxes. */
    public java.util.Set<String> blockedHosts(Handle h) {
        return store.blockedHosts(h);
    }

    public boolean isAccountBlocked(long accountId) {
        return current().accounts().contains(accountId);
    }

    public void blockServer(String host) {
        store.insertServer(host.toLowerCase(Locale.ROOT), clock.millis());
        snapshot = null;
    }

    public boolean unblockServer(String host) {
        boolean removed = store.deleteServer(host.toLowerCase(Locale.ROOT));
        snapshot = null;
        return removed;
    }

    public void blockAccount(long accountId) {
        store.insertAccount(accountId, clock.millis());
        snapshot = null;
    }

    public boolean unblockAccount(long accountId) {
        boolean removed = store.deleteAccount(accountId);
        snapshot = null;
        return removed;
    }

    public List<Blocked> servers() {
        return store.servers();
    }

    public List<Blocked> accounts() {
        return store.accounts();
    }
}
