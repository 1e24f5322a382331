package tandem.mirror.ledger;

import org.jdbi.v3.core.Jdbi;
import tandem.mirror.pool.PledgeStore;
import tandem.db.Rows;

import java.util.List;

/**
 * The ledger's reads, all for one time window [from, to) of epoch-ms hours: our own counts
 * (`served_bytes`, `held_bytes`), the usage reports mirrors sent us (`usage_reports`, 'received'),
 * what our players said each source carried (`video_source_stats`) and the declared prices
 * (`pledges`). Read only: other capabilities write those tables.
 */
public final class LedgerStore {
    /** Bytes for one host in one hour. */
    public record HourBytes(String host, long hourStart, long bytes) {}

    /** Bytes for one host over the window. */
    public record HostBytes(String host, long bytes) {}

    /**
     * One usage report a mirror (`peer`) sent us about one of our videos in one hour, with our players'
     * figure for that mirror, video and hour (0 when they reported nothing).
     */
    public record Report(String peer, long hourStart, long claimedBytes, long heldBytes, Long originBytes, String flag, Long answeredAt,
                         long playersBytes) {}

    /** Statements with a peer in the window, either direction: answered and not flagged, and flagged. */
    public record Statements(String peer, long agreed, long flagged) {}

    /** A host's declared prices, from its pledge (nulls: not declared). */
    public record Prices(String host, String currency, Double perGBEgress, Double perGBMonthStorage) {}

    private final Jdbi jdbi;
    /** The pledges' own store: the ledger reads their declared prices. */
    private final PledgeStore pledges;

    public LedgerStore(Jdbi jdbi) {
        this.pledges = new PledgeStore(jdbi);
        this.jdbi = jdbi;
    }

    /** What we served per origin host and hour, our own videos included. */
    public List<HourBytes> served(long from, long to) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT origin_host, hour_start, SUM(bytes) FROM served_bytes
                        WHERE hour_start >= :from AND hour_start < :to GROUP BY origin_host, hour_start""")
                .bind("from", from).bind("to", to)
                .map((rs, ctx) -> new HourBytes(rs.getString(1), rs.getLong(2), rs.getLong(3))).list());
    }

    /** The reports mirrors sent us, one row per (mirror, video, hour). */
    public List<Report> received(long from, long to) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT r.peer_host, r.hour_start, r.claimed_bytes, r.held_bytes, r.origin_bytes, r.flag, r.answered_at,
                               COALESCE((SELECT SUM(s.bytes) FROM video_source_stats s JOIN videos v ON v.id = s.video_id
                                         WHERE v.uuid = r.video_uuid AND s.hour_start = r.hour_start AND s.host = r.peer_host), 0)
                        FROM usage_reports r
                        WHERE r.direction = 'received' AND r.hour_start >= :from AND r.hour_start < :to""")
                .bind("from", from).bind("to", to)
                .map((rs, ctx) -> new Report(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), Rows.longOrNull(rs, "origin_bytes"),
                        rs.getString(6), Rows.longOrNull(rs, "answered_at"), rs.getLong(8)))
                .list());
    }

    /**
     * What our players said each source host carried of our own videos per hour, for the (video, hour,
     * host) no usage report covers: the fallback figure for mirrors that do not report (PeerTube's).
     */
    public List<HourBytes> playersWithoutReport(long from, long to) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT s.host, s.hour_start, SUM(s.bytes) FROM video_source_stats s JOIN videos v ON v.id = s.video_id
                        WHERE v.is_local = TRUE AND s.hour_start >= :from AND s.hour_start < :to
                          AND NOT EXISTS (SELECT 1 FROM usage_reports r WHERE r.direction = 'received' AND r.peer_host = s.host
                                          AND r.video_uuid = v.uuid AND r.hour_start = s.hour_start)
                        GROUP BY s.host, s.hour_start""")
                .bind("from", from).bind("to", to)
                .map((rs, ctx) -> new HourBytes(rs.getString(1), rs.getLong(2), rs.getLong(3))).list());
    }

    /** Byte-hours of our mirrors of each origin host's videos: sum over the window's hours of the bytes held. */
    public List<HostBytes> heldForOthers(long from, long to) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT origin_host, SUM(bytes) FROM held_bytes WHERE hour_start >= :from AND hour_start < :to GROUP BY origin_host""")
                .bind("from", from).bind("to", to)
                .map((rs, ctx) -> new HostBytes(rs.getString(1), rs.getLong(2))).list());
    }

    /** Statements with each peer in the window. */
    public List<Statements> statements(long from, long to) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT peer_host,
                               SUM(CASE WHEN flag IS NULL AND answered_at IS NOT NULL THEN 1 ELSE 0 END),
                               SUM(CASE WHEN flag IS NOT NULL THEN 1 ELSE 0 END)
                        FROM usage_reports WHERE hour_start >= :from AND hour_start < :to GROUP BY peer_host""")
                .bind("from", from).bind("to", to)
                .map((rs, ctx) -> new Statements(rs.getString(1), rs.getLong(2), rs.getLong(3))).list());
    }

    /** Every declared price (ours and our peers'). */
    public List<Prices> prices() {
        return pledges.all().stream().map(p -> new Prices(p.host(), p.currency(), p.costPerGBEgress(), p.costPerGBMonthStorage())).toList();
    }
}
