package tandem.federation;

import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tandem.video.CommentStore;

import java.util.List;
import java.util.Optional;

/**
 * A remote actor deleted itself (PeerTube and Mastodon send `Delete` with the actor as object, signed
 * by that actor's own key): what it brought here goes as well. For an account: the videos of its
 * channels, its comments with the replies beneath them (as PeerTube's cascade does), its follows and
 * our users' subscriptions to its channels; for a channel: its videos, follows and subscriptions.
 */
public final class ActorDeletions {
    private static final Logger log = LoggerFactory.getLogger(ActorDeletions.class);

    private final ActorStore actors;
    private final RemoteActors remote;
    private final CommentStore comments;

    public ActorDeletions(ActorStore actors, RemoteActors remote, CommentStore comments) {
        this.actors = actors;
        this.remote = remote;
        this.comments = comments;
    }

    /** False when `url` is no remote actor we know; refused unless the actor deletes itself. */
    public boolean onDelete(String activityActor, String url) {
        Optional<Actor> found = actors.byUrl(url).filter(a -> !a.local());
        if (found.isEmpty()) return false;
        // Another actor of the same host may not do it: one user of a big instance could wipe out others.
        if (!activityActor.equals(url)) throw new FederationException(activityActor + " may not delete the actor " + url);
        Actor gone = found.get();
        List<String> removed = actors.jdbi().inTransaction(h -> {
            List<Long> channels = gone.channelId() != null ? List.of(gone.channelId())
                    : gone.accountId() != null ? channelsOf(h, gone.accountId()) : List.of();
            for (long channel : channels) {
                h.createUpdate("DELETE FROM videos WHERE channel_id = :c AND is_local = FALSE").bind("c", channel).execute();
                h.createUpdate("DELETE FROM subscriptions WHERE channel_id = :c").bind("c", channel).execute();
            }
            if (gone.accountId() != null) comments.deleteAllBy(h, gone.accountId());
            // The actor rows of the account and its channels; their follows go with them (ON DELETE CASCADE).
            h.createUpdate("DELETE FROM actors WHERE id = :id").bind("id", gone.id()).execute();
            List<String> urls = new java.util.ArrayList<>(List.of(url));
            if (!channels.isEmpty() && gone.channelId() == null) {
                urls.addAll(h.createQuery("SELECT url FROM actors WHERE channel_id IN (<c>) AND is_local = FALSE")
                        .bindList("c", channels).mapTo(String.class).list());
                h.createUpdate("DELETE FROM actors WHERE channel_id IN (<c>) AND is_local = FALSE").bindList("c", channels).execute();
            }
            return urls;
        });
        removed.forEach(remote::forget);
        log.info("remote actor {} deleted itself: {} actor(s) removed with their videos and follows{}", url, removed.size(),
                gone.accountId() != null ? ", and its comments" : "");
        return true;
    }

    private static List<Long> channelsOf(Handle h, long accountId) {
        return h.createQuery("SELECT id FROM channels WHERE account_id = :a").bind("a", accountId).mapTo(Long.class).list();
    }
}
