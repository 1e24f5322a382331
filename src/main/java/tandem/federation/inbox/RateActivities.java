package tandem.federation.inbox;

import tandem.federation.vocab.Texts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tandem.db.Transactions;
import tandem.video.EngagementService;
import tandem.video.Video;
import tandem.video.VideoService;
import tandem.video.VideoEvents;

import java.util.Optional;
import tandem.federation.actor.Actor;
import tandem.federation.actor.LocalActors;
import tandem.federation.actor.RemoteActors;
import tandem.federation.actor.RemoteVideoStore;
import tandem.federation.vocab.Federable;
import tandem.federation.vocab.FederationException;

/**
 * Likes, dislikes and views from other instances. A rate counts only on our own videos (the
 * origin keeps the counts, followers read them back); a view counts on our videos, or on a remote
 * one when its origin reports it.
 */
public final class RateActivities {
    private static final Logger log = LoggerFactory.getLogger(RateActivities.class);

    private final Transactions transactions;
    private final RemoteActors actors;
    private final LocalActors local;
    private final VideoService videos;
    private final RemoteVideoStore remoteVideos;
    private final VideoEvents events;
    private final EngagementService engagement;

    public RateActivities(Transactions transactions, RemoteActors actors, LocalActors local, VideoService videos, RemoteVideoStore remoteVideos,
                          VideoEvents events, EngagementService engagement) {
        this.transactions = transactions;
        this.actors = actors;
        this.local = local;
        this.videos = videos;
        this.remoteVideos = remoteVideos;
        this.events = events;
        this.engagement = engagement;
    }

    /** Like/Dislike (rating "like"/"dislike") or its Undo (rating "none") of one of our videos. */
    public void onRate(String actorUrl, String videoUrl, String rating) {
        Video v = localVideo(videoUrl).orElseThrow(() -> new FederationException("rates are accepted only for videos of this instance: " + videoUrl));
        Actor rater = actors.resolve(actorUrl);
        if (rater.accountId() == null) throw new FederationException(actorUrl + " is not an account: it cannot rate");
        long account = rater.accountId();
        transactions.useTransaction(h -> {
            // Followers re-read the counts from our likes/dislikes collections after an Update.
            if (!engagement.setRating(h, v.id(), account, rating).equals(rating)) events.updated(h, v.id());
        });
        log.debug("{} rated video {}: {}", rater.handle(), v.uuid(), rating);
    }

    public void onView(String actorUrl, String videoUrl) {
        Optional<Video> mine = localVideo(videoUrl);
        if (mine.isPresent()) {
            engagement.federatedView(mine.get().id());
            return;
        }
        Optional<Long> remote = remoteVideos.idByUrl(videoUrl);
        if (remote.isPresent() && Texts.hostOf(actorUrl).equals(Texts.hostOf(videoUrl))) engagement.federatedView(remote.get());
    }

    private Optional<Video> localVideo(String url) {
        String prefix = local.base() + "/videos/watch/";
        if (!url.startsWith(prefix)) return Optional.empty();
        String uuid = url.substring(prefix.length());
        if (uuid.contains("/")) return Optional.empty();
        try {
            return videos.find(uuid).filter(Video::isLocal).filter(Federable::video);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
