package tandem.federation.inbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tandem.db.Transactions;
import tandem.video.CommentStore;
import tandem.video.EngagementService;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tandem.federation.actor.Actor;
import tandem.federation.actor.ActorStore;
import tandem.federation.actor.RemoteAccountStore;
import tandem.federation.actor.RemoteActors;
import tandem.federation.vocab.FederationException;

/**
 * A remote actor deleted itself (PeerTube and Mastodon send `Delete` with the actor as object, signed
 * by that actor's own key): what it brought here goes as well. For an account: its ratings (taken
 * off the counters), its comments with the replies beneath them (as PeerTube's cascade does), then
 * the account itself, whose channels, videos, actors, follows and our users' subscriptions follow
 * it by the schema's cascades; for a channel, the same from the channel down.
 */
public final class ActorDeletions {
    private static final Logger log = LoggerFactory.getLogger(ActorDeletions.class);

    private final Transactions transactions;
    private final ActorStore actors;
    private final RemoteAccountStore accounts;
    private final RemoteActors remote;
    private final CommentStore comments;
    private final EngagementService engagement;

    public ActorDeletions(Transactions transactions, ActorStore actors, RemoteAccountStore accounts, RemoteActors remote, CommentStore comments,
                          EngagementService engagement) {
        this.transactions = transactions;
        this.actors = actors;
        this.accounts = accounts;
        this.remote = remote;
        this.comments = comments;
        this.engagement = engagement;
    }

    /** False when `url` is no remote actor we know; refused unless the actor deletes itself. */
    /** The remote actor at this URL, if we know it (our own actors are never deleted from outside). */
    public Optional<Actor> remoteActor(String url) {
        return actors.byUrl(url).filter(a -> !a.local());
    }

    public void onDelete(String activityActor, DeleteTarget.RemoteActor target) {
        String url = target.url();
        // Another actor of the same host may not do it: one user of a big instance could wipe out others.
        if (!activityActor.equals(url)) throw new FederationException(activityActor + " may not delete the actor " + url);
        Actor gone = target.actor();
        List<String> removed = transactions.inTransaction(h -> {
            List<String> urls = new ArrayList<>(List.of(url));
            if (gone.accountId() != null) {
                urls.addAll(actors.remoteChannelUrlsOf(h, gone.accountId()));
                engagement.forgetRatingsOf(h, gone.accountId());
                comments.deleteAllBy(h, gone.accountId());
                accounts.deleteAccount(h, gone.accountId());
            } else if (gone.channelId() != null) {
                accounts.deleteChannel(h, gone.channelId());
            }
            actors.delete(h, gone.id());
            return urls;
        });
        removed.forEach(remote::forget);
        log.info("remote actor {} deleted itself: {} actor(s) removed with what they brought", url, removed.size());
    }
}
