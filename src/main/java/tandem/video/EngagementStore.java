package tandem.video;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.util.Optional;

/** SQL for ratings and counted views, with the video row's counters that follow them. */
public final class EngagementStore {
    private final Jdbi jdbi;

    public EngagementStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** An account's rating of a video ("like" or "dislike"); empty when there is none. */
    public Optional<String> rating(Handle h, long videoId, long accountId) {
        return h.createQuery("SELECT rating FROM video_ratings WHERE video_id = :v AND account_id = :a")
                .bind("v", videoId).bind("a", accountId).mapTo(String.class).findOne();
    }

    public Optional<String> rating(long videoId, long accountId) {
        return jdbi.withHandle(h -> rating(h, videoId, accountId));
    }

    /** Removes an account's rating ("like" or "dislike") and takes it off the video's counter, in the caller's transaction. */
    public void deleteRating(Handle h, long videoId, long accountId, String rating) {
        h.createUpdate("DELETE FROM video_ratings WHERE video_id = :v AND account_id = :a").bind("v", videoId).bind("a", accountId).execute();
        h.createUpdate("UPDATE videos SET " + counter(rating) + " = " + counter(rating) + " - 1 WHERE id = :v").bind("v", videoId).execute();
    }

    /** Records an account's rating ("like" or "dislike") and adds it to the video's counter, in the caller's transaction. */
    public void insertRating(Handle h, long videoId, long accountId, String rating, long now) {
        h.createUpdate("INSERT INTO video_ratings (video_id, account_id, rating, created_at) VALUES (:v, :a, :r, :now)")
                .bind("v", videoId).bind("a", accountId).bind("r", rating).bind("now", now).execute();
        h.createUpdate("UPDATE videos SET " + counter(rating) + " = " + counter(rating) + " + 1 WHERE id = :v").bind("v", videoId).execute();
    }

    private static String counter(String rating) {
        return rating.equals("like") ? "likes" : "dislikes";
    }

    /** Deletes every rating of an account and takes them off the counters, in the caller's transaction. */
    public void deleteRatingsOf(Handle h, long accountId) {
        h.createUpdate("""
                UPDATE videos SET
                    likes = likes - (SELECT COUNT(*) FROM video_ratings r WHERE r.video_id = videos.id AND r.account_id = :a AND r.rating = 'like'),
                    dislikes = dislikes - (SELECT COUNT(*) FROM video_ratings r WHERE r.video_id = videos.id AND r.account_id = :a AND r.rating = 'dislike')
                WHERE id IN (SELECT video_id FROM video_ratings WHERE account_id = :a)""").bind("a", accountId).execute();
        h.createUpdate("DELETE FROM video_ratings WHERE account_id = :a").bind("a", accountId).execute();
    }

    /** When a viewer's view of a video was last counted. */
    public Optional<Long> lastCountedView(Handle h, long videoId, String viewer) {
        return h.createQuery("SELECT counted_at FROM video_view_counts WHERE video_id = :v AND viewer = :w")
                .bind("v", videoId).bind("w", viewer).mapTo(Long.class).findOne();
    }

    /**
     * Counts a view: notes when the viewer was counted (`seenBefore`: the viewer has a row to update)
     * and adds one to the video's views, in the caller's transaction.
     */
    public void countView(Handle h, long videoId, String viewer, boolean seenBefore, long now) {
        if (seenBefore) {
            h.createUpdate("UPDATE video_view_counts SET counted_at = :now WHERE video_id = :v AND viewer = :w")
                    .bind("now", now).bind("v", videoId).bind("w", viewer).execute();
        } else {
            h.createUpdate("INSERT INTO video_view_counts (video_id, viewer, counted_at) VALUES (:v, :w, :now)")
                    .bind("now", now).bind("v", videoId).bind("w", viewer).execute();
        }
        addView(h, videoId, now);
    }

    /**
     * Adds one view to a video's counter and to its row for the day (UTC) of `now`, which the trending
     * sorts add up, in the caller's transaction.
     */
    public void addView(Handle h, long videoId, long now) {
        h.createUpdate("UPDATE videos SET views = views + 1 WHERE id = :v").bind("v", videoId).execute();
        // Both engines know this upsert.
        h.createUpdate("""
                INSERT INTO video_daily_views (video_id, day, views) VALUES (:v, :day, 1)
                ON CONFLICT (video_id, day) DO UPDATE SET views = video_daily_views.views + 1""")
                .bind("v", videoId).bind("day", (int) Math.floorDiv(now, 86_400_000L)).execute();
    }
}
