package tandem.mirror;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.util.List;
import java.util.Optional;

/** SQL for `remote_mirrors`: other instances' mirrors of videos we know, from their CacheFiles. */
public final class RemoteMirrorStore {
    private final Jdbi jdbi;

    public RemoteMirrorStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** One row; `expiresAt` null for a manual mirror, `checkedAt` null before its first check. */
    public record Row(long id, String url, long videoId, String actorUrl, String baseUrl, Long expiresAt, String state, Long checkedAt, String checkError) {}

    private static final String COLUMNS = "id, url, video_id, actor_url, base_url, expires_at, state, checked_at, check_error";

    public Optional<Row> byUrl(String url) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM remote_mirrors WHERE url = :u").bind("u", url).map(RemoteMirrorStore::row).findOne());
    }

    public Optional<Row> byId(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM remote_mirrors WHERE id = :id").bind("id", id).map(RemoteMirrorStore::row).findOne());
    }

    /** A new mirror, unverified until its check; returns its id. */
    public long insert(Handle h, String url, long videoId, String actorUrl, String baseUrl, Long expiresAt, long now) {
        return h.createQuery("""
                        INSERT INTO remote_mirrors (url, video_id, actor_url, base_url, expires_at, state, created_at, updated_at)
                        VALUES (:url, :video, :actor, :base, :expires, 'unverified', :now, :now) RETURNING id""")
                .bind("url", url).bind("video", videoId).bind("actor", actorUrl).bind("base", baseUrl).bind("expires", expiresAt).bind("now", now)
                .mapTo(Long.class).one();
    }

    /** A new expiry; a mirror that moved its files is unverified again. */
    public void update(Handle h, long id, String baseUrl, Long expiresAt, boolean moved, long now) {
        h.createUpdate("UPDATE remote_mirrors SET base_url = :base, expires_at = :expires, updated_at = :now"
                        + (moved ? ", state = 'unverified', checked_at = NULL, check_error = NULL" : "") + " WHERE id = :id")
                .bind("base", baseUrl).bind("expires", expiresAt).bind("now", now).bind("id", id).execute();
    }

    public void setChecked(long id, String state, String error, long now) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE remote_mirrors SET state = :s, check_error = :e, checked_at = :now, updated_at = :now WHERE id = :id")
                .bind("s", state).bind("e", error).bind("now", now).bind("id", id).execute());
    }

    public void delete(long id) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM remote_mirrors WHERE id = :id").bind("id", id).execute());
    }

    /** The mirrors last checked before `before` (or never), unexpired: due for another check. */
    public List<Long> dueForCheck(long before, long now) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT id FROM remote_mirrors WHERE COALESCE(checked_at, created_at) < :before
                        AND (expires_at IS NULL OR expires_at > :now) ORDER BY id""")
                .bind("before", before).bind("now", now).mapTo(Long.class).list());
    }

    /** Deletes the expired ones (PeerTube purges expired remote redundancies too); returns how many. */
    public int purgeExpired(long now) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM remote_mirrors WHERE expires_at IS NOT NULL AND expires_at <= :now")
                .bind("now", now).execute());
    }

    private static Row row(java.sql.ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx) throws java.sql.SQLException {
        return new Row(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                rs.getObject(6) == null ? null : rs.getLong(6), rs.getString(7), rs.getObject(8) == null ? null : rs.getLong(8), rs.getString(9));
    }
}
