package tandem.video;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import tandem.db.Rows;

import java.util.List;
import java.util.Optional;

/** SQL for resumable upload sessions. */
public final class UploadStore {
    private static final RowMapper<UploadSession> SESSION = (rs, ctx) -> new UploadSession(rs.getString("id"), rs.getLong("user_id"),
            rs.getString("metadata"), rs.getString("file_name"), rs.getString("mime_type"), rs.getLong("size"), rs.getLong("received"),
            Rows.longOrNull(rs, "video_id"), rs.getLong("created_at"), rs.getLong("updated_at"));

    private final Jdbi jdbi;

    public UploadStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Starts session `id` afresh, with nothing received: a previous session of that id goes first. */
    public void replace(String id, long userId, String metadata, String fileName, String mimeType, long size, long now) {
        jdbi.useHandle(h -> {
            h.createUpdate("DELETE FROM upload_sessions WHERE id = :id").bind("id", id).execute();
            h.createUpdate("""
                    INSERT INTO upload_sessions (id, user_id, metadata, file_name, mime_type, size, received, created_at, updated_at)
                    VALUES (:id, :u, :m, :f, :mime, :size, 0, :now, :now)""")
                    .bind("id", id).bind("u", userId).bind("m", metadata).bind("f", fileName).bind("mime", mimeType)
                    .bind("size", size).bind("now", now).execute();
        });
    }

    public Optional<UploadSession> find(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM upload_sessions WHERE id = :id").bind("id", id).map(SESSION).findOne());
    }

    /** What a user's unfinished sessions other than `except` hold: how many, and their declared bytes. */
    public Pending pending(long userId, String except) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT COUNT(*) AS n, COALESCE(SUM(size), 0) AS bytes FROM upload_sessions
                        WHERE user_id = :u AND video_id IS NULL AND id <> :except""")
                .bind("u", userId).bind("except", except)
                .map((rs, ctx) -> new Pending(rs.getInt("n"), rs.getLong("bytes"))).one());
    }

    public record Pending(int sessions, long bytes) {}

    /** Records how many bytes of the file have arrived. */
    public void setReceived(String id, long received, long now) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE upload_sessions SET received = :r, updated_at = :now WHERE id = :id")
                .bind("r", received).bind("now", now).bind("id", id).execute());
    }

    /** Records the video a complete upload became. */
    public void setVideo(String id, long videoId, long now) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE upload_sessions SET video_id = :v, updated_at = :now WHERE id = :id")
                .bind("v", videoId).bind("now", now).bind("id", id).execute());
    }

    /** The sessions nothing has touched since `before`. */
    public List<String> idleSince(long before) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id FROM upload_sessions WHERE updated_at < :b").bind("b", before).mapTo(String.class).list());
    }

    public void delete(String id) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM upload_sessions WHERE id = :id").bind("id", id).execute());
    }
}
