package tandem.video;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import tandem.account.User;
import tandem.core.Problem;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Likes, dislikes and views. The counters on the video row change in the same transaction as
 * the rating or view row, so they never drift. A view counts once the player reports 10 seconds
 * of playback, and once per viewer per hour (PeerTube's rules).
 */
public final class EngagementService {
    public static final int VIEW_AFTER_SECONDS = 10;
    private static final Duration VIEW_EVERY = Duration.ofHours(1);

    private final Jdbi jdbi;
    private final VideoService videos;
    private final Clock clock;

    private final VideoEvents events;

    public EngagementService(Jdbi jdbi, VideoService videos, Clock clock, VideoEvents events) {
        this.events = events;
        this.jdbi = jdbi;
        this.videos = videos;
        this.clock = clock;
    }

    public void rate(User user, String videoId, String rating) {
        if (!"like".equals(rating) && !"dislike".equals(rating) && !"none".equals(rating)) {
            throw Problem.invalidParam("rating", "Should have a valid rate (like, dislike or none)");
        }
        Video v = videos.visible(Optional.of(user), videoId);
        jdbi.useTransaction(h -> {
            String old = setRating(h, v.id(), user.accountId(), rating);
            if (!old.equals(rating)) events.rated(h, v.id(), user.accountId(), old, rating);
        });
    }

    /**
     * Sets an account's rating of a video ("like", "dislike" or "none"), counters included, in the
     * caller's transaction; returns the previous rating. Also used for remote accounts' rates.
     */
    public String setRating(Handle h, long videoId, long accountId, String rating) {
        String old = h.createQuery("SELECT rating FROM video_ratings WHERE video_id = :v AND account_id = :a")
                .bind("v", videoId).bind("a", accountId).mapTo(String.class).findOne().orElse("none");
        if (old.equals(rating)) return old;
        if (!old.equals("none")) {
            h.createUpdate("DELETE FROM video_ratings WHERE video_id = :v AND account_id = :a").bind("v", videoId).bind("a", accountId).execute();
            h.createUpdate("UPDATE videos SET " + counter(old) + " = " + counter(old) + " - 1 WHERE id = :v").bind("v", videoId).execute();
        }
        if (!rating.equals("none")) {
            h.createUpdate("INSERT INTO video_ratings (video_id, account_id, rating, created_at) VALUES (:v, :a, :r, :now)")
                    .bind("v", videoId).bind("a", accountId).bind("r", rating).bind("now", clock.millis()).execute();
            h.createUpdate("UPDATE videos SET " + counter(rating) + " = " + counter(rating) + " + 1 WHERE id = :v").bind("v", videoId).execute();
        }
        return old;
    }

    /** Takes back an account's likes and dislikes, counters included, in the caller's transaction (the account is going away). */
    public void forgetRatingsOf(Handle h, long accountId) {
        h.createUpdate("""
                UPDATE videos SET
                    likes = likes - (SELECT COUNT(*) FROM video_ratings r WHERE r.video_id = videos.id AND r.account_id = :a AND r.rating = 'like'),
                    dislikes = dislikes - (SELECT COUNT(*) FROM video_ratings r WHERE r.video_id = videos.id AND r.account_id = :a AND r.rating = 'dislike')
                WHERE id IN (SELECT video_id FROM video_ratings WHERE account_id = :a)""").bind("a", accountId).execute();
        h.createUpdate("DELETE FROM video_ratings WHERE account_id = :a").bind("a", accountId).execute();
    }

    private static String counter(String rating) {
        return rating.equals("like") ? "likes" : "dislikes";
    }

    public String ratingOf(User user, long videoId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT rating FROM video_ratings WHERE video_id = :v AND account_id = :a")
                .bind("v", videoId).bind("a", user.accountId()).mapTo(String.class).findOne().orElse("none"));
    }

    /** Records a player's progress report; returns whether it counted as a new view. */
    public boolean view(Optional<User> viewer, String clientIp, String videoId, double currentTime) {
        if (currentTime < 0 || Double.isNaN(currentTime)) throw Problem.invalidParam("currentTime", "Should have a valid current time");
        Video v = videos.visible(viewer, videoId);
        if (currentTime < VIEW_AFTER_SECONDS) return false;
        String who = viewer.map(u -> "user:" + u.id()).orElse("ip:" + clientIp);
        long now = clock.millis();
        return jdbi.inTransaction(h -> {
            Optional<Long> last = h.createQuery("SELECT counted_at FROM video_view_counts WHERE video_id = :v AND viewer = :w")
                    .bind("v", v.id()).bind("w", who).mapTo(Long.class).findOne();
            if (last.isPresent() && now - last.get() < VIEW_EVERY.toMillis()) return false;
            if (last.isPresent()) {
                h.createUpdate("UPDATE video_view_counts SET counted_at = :now WHERE video_id = :v AND viewer = :w")
                        .bind("now", now).bind("v", v.id()).bind("w", who).execute();
            } else {
                h.createUpdate("INSERT INTO video_view_counts (video_id, viewer, counted_at) VALUES (:v, :w, :now)")
                        .bind("now", now).bind("v", v.id()).bind("w", who).execute();
            }
            h.createUpdate("UPDATE videos SET views = views + 1 WHERE id = :v").bind("v", v.id()).execute();
            events.viewed(h, v.id());
            return true;
        });
    }
}
