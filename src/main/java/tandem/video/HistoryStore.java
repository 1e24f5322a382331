package tandem.video;

import org.jdbi.v3.core.Jdbi;

import java.util.List;
import java.util.Optional;

/** SQL for where users stopped in videos (one row per user and video, the latest report wins). */
public final class HistoryStore {
    private final Jdbi jdbi;

    public HistoryStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** One entry of a user's history: the video, where they stopped (seconds), and when. */
    public record Entry(long videoId, int currentTime, long updatedAt) {}

    public void save(long userId, long videoId, int currentTime, long now) {
        jdbi.useHandle(h -> h.createUpdate("""
                INSERT INTO user_video_history (user_id, video_id, current_time_s, updated_at) VALUES (:u, :v, :t, :now)
                ON CONFLICT (user_id, video_id) DO UPDATE SET current_time_s = :t, updated_at = :now""")
                .bind("u", userId).bind("v", videoId).bind("t", currentTime).bind("now", now).execute());
    }

    public Optional<Integer> position(long userId, long videoId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT current_time_s FROM user_video_history WHERE user_id = :u AND video_id = :v")
                .bind("u", userId).bind("v", videoId).mapTo(Integer.class).findOne());
    }

    /** Newest first, from the (user, updated_at) index. */
    public List<Entry> recent(long userId, int start, int count) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT video_id, current_time_s, updated_at FROM user_video_history WHERE user_id = :u
                ORDER BY updated_at DESC, video_id DESC LIMIT :count OFFSET :start""")
                .bind("u", userId).bind("count", count).bind("start", start)
                .map((rs, ctx) -> new Entry(rs.getLong("video_id"), rs.getInt("current_time_s"), rs.getLong("updated_at"))).list());
    }

    public long count(long userId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM user_video_history WHERE user_id = :u").bind("u", userId).mapTo(Long.class).one());
    }

    /** Removes one video, or (videoId null) entries updated before `before` (all when null); returns how many. */
    public int remove(long userId, Long videoId, Long before) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM user_video_history WHERE user_id = :u"
                        + (videoId != null ? " AND video_id = :v" : "") + (before != null ? " AND updated_at < :b" : ""))
                .bind("u", userId).bind("v", videoId).bind("b", before).execute());
    }
}
