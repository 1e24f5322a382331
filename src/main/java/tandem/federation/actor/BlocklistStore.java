package tandem.federation.actor;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.util.List;
import java.util.Set;

/** SQL for the instances (`server_blocks`) and remote accounts (`account_blocks`) the admin blocked. */
public final class BlocklistStore {
    /** Every block at once: the blocked hosts (lower case) and account ids. */
    public record Blocks(Set<String> hosts, Set<Long> accounts) {}

    private final Jdbi jdbi;

    public BlocklistStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Every blocked host and account, read on one handle. */
    public Blocks all() {
        return jdbi.withHandle(h -> new Blocks(blockedHosts(h),
                Set.copyOf(h.createQuery("SELECT account_id FROM account_blocks").mapTo(Long.class).list())));
    }

    public Set<String> blockedHosts(Handle h) {
        return Set.copyOf(h.createQuery("SELECT host FROM server_blocks").mapTo(String.class).list());
    }

    /** Blocks a host (given in lower case); blocking it again changes nothing. */
    public void insertServer(String host, long now) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO server_blocks (host, created_at) VALUES (:h, :now) ON CONFLICT (host) DO NOTHING")
                .bind("h", host).bind("now", now).execute());
    }

    /** Unblocks a host (given in lower case); returns whether it was blocked. */
    public boolean deleteServer(String host) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM server_blocks WHERE host = :h").bind("h", host).execute()) > 0;
    }

    public void insertAccount(long accountId, long now) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO account_blocks (account_id, created_at) VALUES (:a, :now) ON CONFLICT (account_id) DO NOTHING")
                .bind("a", accountId).bind("now", now).execute());
    }

    /** Unblocks an account; returns whether it was blocked. */
    public boolean deleteAccount(long accountId) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM account_blocks WHERE account_id = :a").bind("a", accountId).execute()) > 0;
    }

    public List<Blocklist.Blocked> servers() {
        return jdbi.withHandle(h -> h.createQuery("SELECT host, created_at FROM server_blocks ORDER BY created_at DESC")
                .map((rs, ctx) -> new Blocklist.Blocked(rs.getString(1), 0, null, null, rs.getLong(2))).list());
    }

    public List<Blocklist.Blocked> accounts() {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT a.host, a.id, a.name, a.display_name, b.created_at FROM account_blocks b JOIN accounts a ON a.id = b.account_id
                ORDER BY b.created_at DESC""")
                .map((rs, ctx) -> new Blocklist.Blocked(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getLong(5))).list());
    }
}
