package tandem.federation.actor;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

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

    private final Jdbi jdbi;
    private final Clock clock;
    private volatile Snapshot snapshot;

    private record Snapshot(java.util.Set<String> hosts, java.util.Set<Long> accounts, long readAt) {}

    /** A blocked instance or account, with when it was blocked. */
    public record Blocked(String host, long accountId, String name, String displayName, long createdAt) {}

    public Blocklist(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    private Snapshot current() {
        Snapshot s = snapshot;
        if (s != null && clock.millis() - s.readAt() < SNAPSHOT_MILLIS) return s;
        s = jdbi.withHandle(h -> new Snapshot(blockedHosts(h),
                java.util.Set.copyOf(h.createQuery("SELECT account_id FROM account_blocks").mapTo(Long.class).list()), clock.millis()));
        snapshot = s;
        return s;
    }

    public boolean isServerBlocked(String host) {
        return current().hosts().contains(host.toLowerCase(Locale.ROOT));
    }

    /** Every blocked host at once, for a fan-out that checks a thousand inboxes. */
    public java.util.Set<String> blockedHosts(Handle h) {
        return java.util.Set.copyOf(h.createQuery("SELECT host FROM server_blocks").mapTo(String.class).list());
    }

    public boolean isAccountBlocked(long accountId) {
        return current().accounts().contains(accountId);
    }

    public void blockServer(String host) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO server_blocks (host, created_at) VALUES (:h, :now) ON CONFLICT (host) DO NOTHING")
                .bind("h", host.toLowerCase(Locale.ROOT)).bind("now", clock.millis()).execute());
        snapshot = null;
    }

    public boolean unblockServer(String host) {
        boolean removed = jdbi.withHandle(h -> h.createUpdate("DELETE FROM server_blocks WHERE host = :h").bind("h", host.toLowerCase(Locale.ROOT)).execute()) > 0;
        snapshot = null;
        return removed;
    }

    public void blockAccount(long accountId) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO account_blocks (account_id, created_at) VALUES (:a, :now) ON CONFLICT (account_id) DO NOTHING")
                .bind("a", accountId).bind("now", clock.millis()).execute());
        snapshot = null;
    }

    public boolean unblockAccount(long accountId) {
        boolean removed = jdbi.withHandle(h -> h.createUpdate("DELETE FROM account_blocks WHERE account_id = :a").bind("a", accountId).execute()) > 0;
        snapshot = null;
        return removed;
    }

    public List<Blocked> servers() {
        return jdbi.withHandle(h -> h.createQuery("SELECT host, created_at FROM server_blocks ORDER BY created_at DESC")
                .map((rs, ctx) -> new Blocked(rs.getString(1), 0, null, null, rs.getLong(2))).list());
    }

    public List<Blocked> accounts() {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT a.host, a.id, a.name, a.display_name, b.created_at FROM account_blocks b JOIN accounts a ON a.id = b.account_id
                ORDER BY b.created_at DESC""")
                .map((rs, ctx) -> new Blocked(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getLong(5))).list());
    }
}
