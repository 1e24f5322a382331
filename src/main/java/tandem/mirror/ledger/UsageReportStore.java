package tandem.mirror.ledger;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import tandem.db.Rows;

import java.util.List;
import java.util.Optional;

/** SQL of the usage reports (`usage_reports`) and of the figures they are made of and checked against. */
public final class UsageReportStore {
    /** One served figure not reported yet: a (origin, hour, video) row of `served_bytes`, with the video's AP id and what we hold of it. */
    public record Unreported(String originHost, long hourStart, String uuid, String videoUrl, long bytes, long heldBytes) {}

    /** One row of `usage_reports`. */
    public record Row(String direction, String peerHost, String uuid, long hourStart, long claimedBytes, long heldBytes, Long originBytes,
                      String flag, String activityUrl, long reportedAt, Long answeredAt) {}

    private final Jdbi jdbi;

    public UsageReportStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * The served bytes of others' videos in hours from `oldest` to `latest` (hour starts) for which no
     * report went to that origin yet, by origin and hour; videos we no longer know cannot be named and are left out.
     */
    public List<Unreported> unreported(String ourHost, long oldest, long latest, int limit) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT s.origin_host, s.hour_start, s.video_uuid, r.url, s.bytes, COALESCE(m.size_bytes, 0) AS held
                        FROM served_bytes s
                        JOIN videos v ON v.uuid = s.video_uuid AND v.is_local = FALSE
                        JOIN remote_videos r ON r.video_id = v.id
                        LEFT JOIN mirrors m ON m.video_id = v.id
                        WHERE s.origin_host <> :us AND s.hour_start >= :oldest AND s.hour_start <= :latest
                          AND NOT EXISTS (SELECT 1 FROM usage_reports u WHERE u.direction = 'sent'
                                          AND u.peer_host = s.origin_host AND u.hour_start = s.hour_start)
                        ORDER BY s.origin_host, s.hour_start, s.video_uuid LIMIT :limit""")
                .bind("us", ourHost).bind("oldest", oldest).bind("latest", latest).bind("limit", limit)
                .map((rs, ctx) -> new Unreported(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getLong(5), rs.getLong(6)))
                .list());
    }

    /** Stores one line of a report (ours or a mirror's), in the caller's transaction; false when it is already there. */
    public boolean insert(Handle h, String direction, String peerHost, String uuid, long hourStart, long claimed, long held,
                          Long originBytes, String flag, String activityUrl, long now, Long answeredAt) {
        return h.createUpdate("""
                        INSERT INTO usage_reports (direction, peer_host, video_uuid, hour_start, claimed_bytes, held_bytes, origin_bytes, flag,
                                                   activity_url, reported_at, answered_at)
                        VALUES (:d, :p, :u, :hour, :c, :held, :o, :flag, :url, :now, :answered)
                        ON CONFLICT (direction, peer_host, video_uuid, hour_start) DO NOTHING""")
                .bind("d", direction).bind("p", peerHost).bind("u", uuid).bind("hour", hourStart).bind("c", claimed).bind("held", held)
                .bind("o", originBytes).bind("flag", flag).bind("url", activityUrl).bind("now", now).bind("answered", answeredAt)
                .execute() == 1;
    }

    /** Whether a report between us and `peerHost` for the hour is already stored in that direction. */
    public boolean any(String direction, String peerHost, long hourStart) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT COUNT(*) FROM usage_reports WHERE direction = :d AND peer_host = :p AND hour_start = :hour""")
                .bind("d", direction).bind("p", peerHost).bind("hour", hourStart).mapTo(Long.class).one() > 0);
    }

    /** Records the origin's answer on one line of our report, unless already answered; false when no such unanswered line. */
    public boolean answer(Handle h, String originHost, String uuid, long hourStart, long claimed, long originBytes, String flag, long now) {
        return h.createUpdate("""
                        UPDATE usage_reports SET origin_bytes = :o, flag = :flag, answered_at = :now
                        WHERE direction = 'sent' AND peer_host = :p AND video_uuid = :u AND hour_start = :hour
                          AND claimed_bytes = :c AND answered_at IS NULL""")
                .bind("o", originBytes).bind("flag", flag).bind("now", now).bind("p", originHost).bind("u", uuid)
                .bind("hour", hourStart).bind("c", claimed).execute() == 1;
    }

    /** The uuid of a remote video by its ActivityPub id. */
    public Optional<String> remoteUuid(String url) {
        return jdbi.withHandle(h -> h.createQuery("SELECT v.uuid FROM remote_videos r JOIN videos v ON v.id = r.video_id WHERE r.url = :u")
                .bind("u", url).mapTo(String.class).findOne());
    }

    /** What our players said `host` carried for a video in the hour: the origin's own figure. */
    public long playersBytes(long videoId, long hourStart, String host) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT COALESCE(SUM(bytes), 0) FROM video_source_stats WHERE video_id = :v AND hour_start = :hour AND host = :host""")
                .bind("v", videoId).bind("hour", hourStart).bind("host", host).mapTo(Long.class).one());
    }

    /** The actors of the mirrors of a video that others told us of (`remote_mirrors`), whatever their check's state. */
    public List<String> mirrorActors(long videoId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT actor_url FROM remote_mirrors WHERE video_id = :v")
                .bind("v", videoId).mapTo(String.class).list());
    }

    /** The bytes of all of a video's files (renditions and original). */
    public long videoSize(long videoId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COALESCE(SUM(size), 0) FROM video_files WHERE video_id = :v")
                .bind("v", videoId).mapTo(Long.class).one());
    }

    /** The report lines exchanged with `peerHost` in one direction, oldest hour first. */
    public List<Row> rows(String direction, String peerHost) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT direction, peer_host, video_uuid, hour_start, claimed_bytes, held_bytes, origin_bytes, flag, activity_url,
                               reported_at, answered_at
                        FROM usage_reports WHERE direction = :d AND peer_host = :p ORDER BY hour_start, video_uuid""")
                .bind("d", direction).bind("p", peerHost)
                .map((rs, ctx) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5), rs.getLong(6),
                        Rows.longOrNull(rs, "origin_bytes"), rs.getString(8), rs.getString(9), rs.getLong(10), Rows.longOrNull(rs, "answered_at")))
                .list());
    }
}
