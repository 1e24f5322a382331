package tandem.video;

import org.jdbi.v3.core.Handle;
import tandem.account.User;
import tandem.core.Problem;
import tandem.db.Transactions;

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

    private final Transactions transactions;
    private final EngagementStore store;
    private final VideoService videos;
    private final Clock clock;

    private final VideoEvents events;
    private final WatchHistory history;

    public EngagementService(Transactions transactions, EngagementStore store, VideoService videos, Clock clock, VideoEvents events,
                             WatchHistory history) {
        this.history = history;
        this.events = events;
        this.transactions = transactions;
        this.store = store;
        this.videos = videos;
        this.clock = clock;
    }

    public void rate(User user, String videoId, String rating) {
        if (!"like".equals(rating) && !"dislike".equals(rating) && !"none".equals(rating)) {
            throw Problem.invalidParam("rating", "Should have a valid rate (like, dislike or none)");
        }
        Video v = videos.visible(Optional.of(user), videoId);
        transactions.useTransaction(h -> {
            String old = setRating(h, v.id(), user.accountId(), rating);
            if (!old.equals(rating)) events.rated(h, v.id(), user.accountId(), old, rating);
        });
    }

    /**
     * Sets an account's rating of a video ("like", "dislike" or "none"), counters included, in the
     * caller's transaction; returns the previous rating. Also used for remote accounts' rates.
     */
    public String setRating(Handle h, long videoId, long accountId, String rating) {
        String old = store.rating(h, videoId, accountId).orElse("none");
        if (old.equals(rating)) return old;
        if (!old.equals("none")) store.deleteRating(h, videoId, accountId, old);
        if (!rating.equals("none")) store.insertRating(h, videoId, accountId, rating, clock.millis());
        return old;
    }

    /** Takes back an account's likes and dislikes, counters included, in the caller's transaction (the account is going away). */
    public void forgetRatingsOf(Handle h, long accountId) {
        store.deleteRatingsOf(h, accountId);
    }

    public String ratingOf(User user, long videoId) {
        return store.rating(videoId, user.accountId()).orElse("none");
    }

    /**
     * Ten seconds make a view, as on PeerTube; a video shorter than that counts once more than half
     * of it was watched (PeerTube's rule too), or a 3 s clip could never be viewed at all.
     */
    static boolean watchedEnough(int durationSeconds, double currentTime) {
        if (durationSeconds > 0 && durationSeconds < VIEW_AFTER_SECONDS) return currentTime > durationSeconds / 2.0;
        return currentTime >= VIEW_AFTER_SECONDS;
    }

    /**
     * A view another instance reported (ActivityPub `View`): counted as it comes, since the sender
     * already applied its viewers' rules; it counts towards trending like ours.
     */
    public void federatedView(long videoId) {
        long now = clock.millis();
        transactions.useTransaction(h -> store.addView(h, videoId, now));
    }

    /**
     * Records a player's progress report (a signed-in viewer's history keeps the position); returns
     * whether it counted as a new view.
     */
    public boolean view(Optional<User> viewer, String clientIp, String videoId, double currentTime) {
        if (currentTime < 0 || Double.isNaN(currentTime) || Double.isInfinite(currentTime)) {
            throw Problem.invalidParam("currentTime", "Should have a valid current time");
        }
        Video v = videos.visible(viewer, videoId);
        viewer.ifPresent(u -> history.record(u, v, currentTime));
        if (!watchedEnough(v.duration(), currentTime)) return false;
        String who = viewer.map(u -> "user:" + u.id()).orElse("ip:" + clientIp);
        long now = clock.millis();
        return transactions.inTransaction(h -> {
            Optional<Long> last = store.lastCountedView(h, v.id(), who);
            if (last.isPresent() && now - last.get() < VIEW_EVERY.toMillis()) return false;
            store.countView(h, v.id(), who, last.isPresent(), now);
            events.viewed(h, v.id());
            return true;
        });
    }
}
