package tandem.mirror;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tandem.core.Problem;
import tandem.db.Transactions;
import tandem.federation.inbox.CacheFileSink;
import tandem.federation.actor.Actor;
import tandem.federation.actor.ActorStore;
import tandem.federation.actor.Follow;
import tandem.federation.actor.LocalActors;
import tandem.federation.actor.RemoteActors;
import tandem.federation.actor.RemoteVideoStore;
import tandem.federation.inbox.VideoActivities;
import tandem.federation.vocab.CacheFile;
import tandem.federation.vocab.FederationException;
import tandem.federation.vocab.Texts;
import tandem.job.JobQueue;
import tandem.video.Video;
import tandem.video.VideoService;

import java.net.URI;
import java.time.Clock;
import java.util.Optional;

/**
 * Others' mirrors of videos we know, from their CacheFiles (PeerTube's remote redundancies). Beyond
 * PeerTube's rules (`accept_from`, only the creator updates or undoes) we refuse a mirror whose
 * files are not on its actor's host or not in the video's own directory, and list none before a
 * check of one random segment against the hashes we hold ({@link RemoteMirrorChecks}).
 */
public final class RemoteMirrors implements CacheFileSink {
    private static final Logger log = LoggerFactory.getLogger(RemoteMirrors.class);
    private static final String HLS = "application/x-mpegURL";

    private final Transactions transactions;
    private final RemoteMirrorStore store;
    private final String acceptFrom;
    private final RemoteActors actors;
    private final ActorStore actorStore;
    private final LocalActors local;
    private final VideoService videos;
    private final RemoteVideoStore remoteVideos;
    private final VideoActivities videoActivities;
    private final JobQueue jobs;
    private final Clock clock;

    public RemoteMirrors(Transactions transactions, RemoteMirrorStore store, String acceptFrom, RemoteActors actors, ActorStore actorStore,
                         LocalActors local, VideoService videos, RemoteVideoStore remoteVideos, VideoActivities videoActivities, JobQueue jobs,
                         Clock clock) {
        this.transactions = transactions;
        this.store = store;
        this.acceptFrom = acceptFrom;
        this.actors = actors;
        this.actorStore = actorStore;
        this.local = local;
        this.videos = videos;
        this.remoteVideos = remoteVideos;
        this.videoActivities = videoActivities;
        this.jobs = jobs;
        this.clock = clock;
    }

    @Override
    public void onCreateOrUpdate(String actor, CacheFile c, boolean forwarded) {
        accepted(actor);
        if (!HLS.equals(c.mediaType())) {
            // Web-video mirrors are PeerTube's older kind; our players only take HLS directories.
            log.info("ignoring web-video CacheFile {} by {}", c.id(), actor);
            return;
        }
        if (!Texts.hostOf(c.href()).equals(Texts.hostOf(actor))) {
            throw new FederationException("CacheFile " + c.id() + " points at " + c.href() + ", not on the host of its actor " + actor);
        }
        Video v = video(c.videoUrl());
        if (!c.href().endsWith("/" + v.uuid()) || URI.create(c.href()).getRawQuery() != null) {
            throw new FederationException("CacheFile " + c.id() + " points at " + c.href() + ", which is not the playlist directory of video " + v.uuid());
        }
        Long expires = c.expires() == null ? null : c.expires().toEpochMilli();
        long now = clock.millis();
        Optional<RemoteMirrorStore.Row> existing = store.byUrl(c.id());
        if (existing.isPresent()) {
            RemoteMirrorStore.Row r = existing.get();
            if (!r.actorUrl().equals(actor)) throw new FederationException(actor + " may not update CacheFile " + c.id() + " of " + r.actorUrl());
            if (r.videoId() != v.id()) throw new FederationException("CacheFile " + c.id() + " cannot move to another video");
            boolean moved = !r.baseUrl().equals(c.href());
            transactions.useTransaction(h -> {
                store.update(h, r.id(), c.href(), expires, moved, now);
                // Checked again on every Update: a mirror that copied the renditions it lacked says so by one.
                jobs.enqueue(h, RemoteMirrorJobs.CHECK, new RemoteMirrorJobs.Check(r.id()));
            });
            log.info("mirror {} of {} updated (expires {})", c.href(), v.uuid(), c.expires());
            return;
        }
        transactions.useTransaction(h -> {
            long id = store.insert(h, c.id(), v.id(), actor, c.href(), expires, now);
            jobs.enqueue(h, RemoteMirrorJobs.CHECK, new RemoteMirrorJobs.Check(id));
        });
        log.info("mirror {} of {} stored{}, to be checked", c.href(), v.uuid(), forwarded ? " (forwarded)" : "");
    }

    @Override
    public void onUndo(String actor, String cacheFileId) {
        RemoteMirrorStore.Row r = store.byUrl(cacheFileId).orElse(null);
        if (r == null) {
            log.info("Undo of unknown CacheFile {} by {}", cacheFileId, actor);
            return;
        }
        if (!r.actorUrl().equals(actor)) throw new FederationException(actor + " may not undo CacheFile " + cacheFileId + " of " + r.actorUrl());
        store.delete(r.id());
        log.info("mirror {} withdrawn by {}", r.baseUrl(), actor);
    }

    /** `accept_from`: nobody, the actors our instance actor follows, or anybody (PeerTube's default). */
    private void accepted(String actor) {
        switch (acceptFrom) {
            case "nobody" -> throw new FederationException("this instance accepts mirrors from nobody (accept_from = nobody): CacheFile of " + actor + " refused");
            case "followings" -> {
                Actor sender = actors.resolve(actor);
                boolean follows = actorStore.follow(local.instance().id(), sender.id()).map(f -> Follow.ACCEPTED.equals(f.state())).orElse(false);
                if (!follows) throw new FederationException("this instance accepts mirrors from the actors it follows only (accept_from = followings), not from " + actor);
            }
            default -> { }
        }
    }

    /** The video a CacheFile names: one of ours must exist; a remote one is fetched as other activities do. */
    private Video video(String url) {
        if (local.isLocal(url)) {
            Optional<Video> v;
            try {
                v = local.localVideoId(url).flatMap(videos::find).filter(Video::isLocal);
            } catch (Problem e) {
                v = Optional.empty();
            }
            return v.orElseThrow(() -> new FederationException("CacheFile of " + url + ", no video of ours"));
        }
        Optional<Long> id = remoteVideos.idByUrl(url);
        if (id.isEmpty()) {
            videoActivities.fetchAndStore(url);
            id = remoteVideos.idByUrl(url);
        }
        return id.flatMap(i -> videos.find(String.valueOf(i)))
                .orElseThrow(() -> new FederationException("CacheFile of " + url + ", a video unknown here"));
    }
}
