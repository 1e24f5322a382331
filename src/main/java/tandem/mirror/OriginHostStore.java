package tandem.mirror;

import org.jdbi.v3.core.Jdbi;

import java.util.List;
import java.util.Optional;

/** SQL for `origin_hosts`: whether each origin of remote videos answered when last asked. */
public final class OriginHostStore {
    private final Jdbi jdbi;

    public OriginHostStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** One host's state; `unreachableSince` null while it answers. */
    public record Row(String host, String probeUrl, Long unreachableSince, long lastChecked) {}

    public Optional<Row> find(String host) {
        return jdbi.withHandle(h -> h.createQuery("SELECT host, probe_url, unreachable_since, last_checked FROM origin_hosts WHERE host = :h")
                .bind("h", host).map(OriginHostStore::row).findOne());
    }

    /** The hosts that were down when last asked. */
    public List<Row> unreachable() {
        return jdbi.withHandle(h -> h.createQuery("SELECT host, probe_url, unreachable_since, last_checked FROM origin_hosts WHERE unreachable_since IS NOT NULL")
                .map(OriginHostStore::row).list());
    }

    /** Records a probe: a host that stays down keeps the time it went down. */
    public void record(String host, String probeUrl, boolean reachable, long now) {
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO origin_hosts (host, probe_url, unreachable_since, last_checked) VALUES (:h, :u, :since, :now)
                        ON CONFLICT (host) DO UPDATE SET probe_url = :u, last_checked = :now,
                            unreachable_since = CASE WHEN :reachable THEN NULL ELSE COALESCE(origin_hosts.unreachable_since, :now) END""")
                .bind("h", host).bind("u", probeUrl).bind("since", reachable ? null : now).bind("now", now).bind("reachable", reachable).execute());
    }

    private static Row row(java.sql.ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx) throws java.sql.SQLException {
        return new Row(rs.getString(1), rs.getString(2), rs.getObject(3) == null ? null : rs.getLong(3), rs.getLong(4));
    }
}
