package tandem.mirror;

import org.jdbi.v3.core.Handle;
import tandem.db.Rows;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** SQL for `mirrors`, our copies of other instances' videos, and for the remote videos they copy. */
public final class MirrorStore {
    private static final String COLUMNS = """
            m.id, m.video_id, v.uuid, m.strategy, m.state, m.size_bytes, m.expires_at, m.error, m.created_at, m.updated_at""";
    private static final RowMapper<Mirror> MIRROR = (rs, ctx) -> new Mirror(rs.getLong("id"), rs.getLong("video_id"), rs.getString("uuid"),
            rs.getString("strategy"), rs.getString("state"), rs.getLong("size_bytes"), Rows.longOrNull(rs, "expires_at"),
            rs.getString("error"), rs.getLong("created_at"), rs.getLong("updated_at"));

    private final Jdbi jdbi;

    public MirrorStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Inserts a mirror in state `copying`; the caller's handle, so the copy job is queued in the same transaction. */
    public long insert(Handle h, long videoId, String strategy, Long expiresAt, long now) {
        return h.createUpdate("""
                        INSERT INTO mirrors (video_id, strategy, state, size_bytes, expires_at, created_at, updated_at)
                        VALUES (:v, :s, 'copying', 0, :e, :now, :now)""")
                .bind("v", videoId).bind("s", strategy).bind("e", expiresAt).bind("now", now)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    public Optional<Mirror> find(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM mirrors m JOIN videos v ON v.id = m.video_id WHERE m.id = :id")
                .bind("id", id).map(MIRROR).findOne());
    }

    public Optional<Mirror> findByVideo(long videoId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM mirrors m JOIN videos v ON v.id = m.video_id WHERE m.video_id = :v")
                .bind("v", videoId).map(MIRROR).findOne());
    }

    /** Every mirror, oldest first; `strategy` null for all. */
    public List<Mirror> list(String strategy) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM mirrors m JOIN videos v ON v.id = m.video_id"
                        + (strategy == null ? "" : " WHERE m.strategy = :s") + " ORDER BY m.created_at, m.id")
                .bindMap(strategy == null ? Map.of() : Map.of("s", strategy)).map(MIRROR).list());
    }

    public void markReady(long id, long size, long now) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE mirrors SET state = 'ready', size_bytes = :size, error = NULL, updated_at = :now WHERE id = :id")
                .bind("id", id).bind("size", size).bind("now", now).execute());
    }

    public void markFailed(long id, String error, long now) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE mirrors SET state = 'failed', error = :error, updated_at = :now WHERE id = :id")
                .bind("id", id).bind("error", error).bind("now", now).execute());
    }

    public void extend(long id, long expiresAt, long now) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE mirrors SET expires_at = :e, updated_at = :now WHERE id = :id")
                .bind("id", id).bind("e", expiresAt).bind("now", now).execute());
    }

    public boolean delete(long id) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM mirrors WHERE id = :id").bind("id", id).execute()) > 0;
    }

    /** UUIDs of the videos whose files we serve, and the infohashes of their swarms (JSON arrays, one per video). */
    public List<ReadyRow> ready() {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT v.uuid, r.infohashes, r.url FROM mirrors m JOIN videos v ON v.id = m.video_id
                        LEFT JOIN remote_videos r ON r.video_id = m.video_id WHERE m.state = 'ready'""")
                .map((rs, ctx) -> new ReadyRow(rs.getString(1), rs.getString(2), rs.getString(3))).list());
    }

    /**
     * A served mirror's video UUID, its remote swarm infohashes as stored (a JSON array, or null) and
     * the video's ActivityPub id at its origin (null if unknown).
     */
    public record ReadyRow(String uuid, String infohashesJson, String videoUrl) {}

    /** The video to copy, by id (local videos included, so callers can refuse them). */
    public Optional<MirrorSource> source(long videoId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT v.id, v.uuid, v.name, r.url, r.playlist_url, r.sha256_url, c.host, v.is_local, r.thumbnail_url, r.preview_url
                        FROM videos v JOIN channels c ON c.id = v.channel_id LEFT JOIN remote_videos r ON r.video_id = v.id
                        WHERE v.id = :v""")
                .bind("v", videoId)
                .map((rs, ctx) -> new MirrorSource(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getBoolean(8), rs.getString(9), rs.getString(10)))
                .findOne());
    }

    /** The local id of a video given by id or UUID (PeerTube's `videoId` accepts both). */
    public Optional<Long> videoId(String idOrUuid) {
        return jdbi.withHandle(h -> {
            if (idOrUuid.matches("\\d{1,18}")) {
                return h.createQuery("SELECT id FROM videos WHERE id = :id").bind("id", Long.parseLong(idOrUuid)).mapTo(Long.class).findOne();
            }
            return h.createQuery("SELECT id FROM videos WHERE uuid = :u").bind("u", idOrUuid).mapTo(Long.class).findOne();
        });
    }
}
