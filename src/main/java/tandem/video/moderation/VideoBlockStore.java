package tandem.video.moderation;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

import java.util.List;
import java.util.Optional;

/** SQL for the video blocklist (V29's `video_blacklist`); the video lists read that table themselves. */
public final class VideoBlockStore {
    private static final RowMapper<VideoBlock> BLOCK = (rs, ctx) -> new VideoBlock(rs.getLong("video_id"), rs.getString("reason"),
            rs.getBoolean("unfederated"), rs.getLong("created_at"));

    private final Jdbi jdbi;

    public VideoBlockStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Blocks a video; false when it was blocked already. */
    public boolean insert(Handle h, long videoId, String reason, boolean unfederated, long now) {
        if (h.createQuery("SELECT COUNT(*) FROM video_blacklist WHERE video_id = :v").bind("v", videoId).mapTo(Long.class).one() > 0) return false;
        h.createUpdate("INSERT INTO video_blacklist (video_id, reason, unfederated, created_at) VALUES (:v, :r, :u, :now)")
                .bind("v", videoId).bind("r", reason).bind("u", unfederated).bind("now", now).execute();
        return true;
    }

    /** Unblocks a video; the block it had, if it had one. */
    public Optional<VideoBlock> delete(Handle h, long videoId) {
        Optional<VideoBlock> had = h.createQuery("SELECT * FROM video_blacklist WHERE video_id = :v").bind("v", videoId).map(BLOCK).findOne();
        h.createUpdate("DELETE FROM video_blacklist WHERE video_id = :v").bind("v", videoId).execute();
        return had;
    }

    public Optional<VideoBlock> byVideo(long videoId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM video_blacklist WHERE video_id = :v").bind("v", videoId).map(BLOCK).findOne());
    }

    /** A page of blocks, newest first. */
    public List<VideoBlock> list(int start, int count) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM video_blacklist ORDER BY created_at DESC, video_id DESC LIMIT :c OFFSET :s")
                .bind("c", count).bind("s", start).map(BLOCK).list());
    }

    public long count() {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM video_blacklist").mapTo(Long.class).one());
    }
}
