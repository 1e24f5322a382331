package tandem.federation.inbox;

import tandem.federation.vocab.Texts;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tandem.db.Transactions;
import tandem.job.JobQueue;
import tandem.video.Notifications;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import tandem.federation.actor.Actor;
import tandem.federation.actor.ActorStore;
import tandem.federation.actor.Blocklist;
import tandem.federation.actor.ObjectFetcher;
import tandem.federation.actor.RemoteActors;
import tandem.federation.actor.RemoteVideoStore;
import tandem.federation.transport.FederationHttp;
import tandem.federation.transport.FederationHttpException;
import tandem.federation.vocab.AsToVideo;
import tandem.federation.vocab.FederationException;
import tandem.federation.vocab.RemoteVideo;

/**
 * Remote videos arriving by Create, Update, Announce or an outbox crawl, and leaving by Delete.
 * The object is always fetched again from its `id` (never trusted from the activity), and only
 * instances we follow something of may fill our lists, besides the videos local users look up by URL.
 */
public final class VideoActivities {
    private static final Logger log = LoggerFactory.getLogger(VideoActivities.class);
    /** How often an origin that keeps sending Updates has its likes and dislikes read. */
    static final Duration COUNTS_EVERY = Duration.ofMinutes(5);
    /** The largest segments-sha256.json we keep a copy of (an hour of 4 renditions in 4 s segments is ~300 KB). */
    static final int MAX_HASHES = 1024 * 1024;
    /** Longer than PeerTube's cache of its ActivityPub video documents (1 s). */
    static final Duration STALE_COPY_REREAD = Duration.ofSeconds(3);

    private final Transactions transactions;
    private final ObjectMapper mapper;
    private final ObjectFetcher fetcher;
    private final RemoteActors actors;
    private final ActorStore actorStore;
    private final RemoteVideoStore videos;
    private final JobQueue jobs;
    private final Clock clock;
    private final Blocklist blocks;
    private final FederationHttp http;
    private final FetchFailures failures;
    private final HashesChanged hashesChanged;
    private final Notifications notifications;

    public VideoActivities(Transactions transactions, ObjectMapper mapper, ObjectFetcher fetcher, RemoteActors actors, ActorStore actorStore,
                           RemoteVideoStore videos, JobQueue jobs, Clock clock, Blocklist blocks, FederationHttp http, FetchFailures failures,
                           HashesChanged hashesChanged, Notifications notifications) {
        this.notifications = notifications;
        this.hashesChanged = hashesChanged;
        this.http = http;
        this.failures = failures;
        this.transactions = transactions;
        this.blocks = blocks;
        this.mapper = mapper;
        this.fetcher = fetcher;
        this.actors = actors;
        this.actorStore = actorStore;
        this.videos = videos;
        this.jobs = jobs;
        this.clock = clock;
    }

    /**
     * Create or Update by the video's owner (its Person or its Group). {@code announcedUpdated} is the
     * `updated` time of the object inside the activity (null when it gave none): when the origin serves
     * an older copy than the one it announced, which PeerTube does for a second after any read of a video
     * (its ActivityPub routes are cached), the video is read again a little later.
     */
    public void onCreateOrUpdate(String activityActor, String videoUrl, Long announcedUpdated) {
        RemoteVideo v = AsToVideo.parse(fetcher.fetch(videoUrl));
        if (!activityActor.equals(v.ownerUrl()) && !activityActor.equals(v.channelUrl())) {
            throw new FederationException("video " + v.url() + " is attributed to " + v.ownerUrl() + ", not to " + activityActor);
        }
        store(v, activityActor, false);
        if (announcedUpdated != null && v.updated() < announcedUpdated) {
            log.info("{} served a copy older than its Update announced; reading it again in {}", v.url(), STALE_COPY_REREAD);
            transactions.useTransaction(h -> jobs.enqueueAt(h, InboxJobs.FETCH, new FetchJob.VideoByUrl(v.url()),
                    clock.millis() + STALE_COPY_REREAD.toMillis()));
        }
    }

    /**
     * Announce: anyone may share a video; we fetch it from its origin, unless we have it already (an
     * origin announces each new video twice, by its instance and its channel, right after the Create).
     */
    public void onAnnounce(String activityActor, String videoUrl) {
        if (videos.idByUrl(videoUrl).isPresent()) {
            log.debug("Announce by {} of {}: already here", activityActor, videoUrl);
            return;
        }
        JsonNode o = fetcher.fetch(videoUrl);
        if (!"Video".equals(o.path("type").asText())) {
            log.info("ignoring Announce of a {} by {}", o.path("type").asText("?"), activityActor);
            return;
        }
        store(AsToVideo.parse(o), activityActor, false);
    }

    /** A video named by a crawl or a FETCH job. */
    public void fetchAndStore(String videoUrl) {
        store(AsToVideo.parse(fetcher.fetch(videoUrl)), null, false);
    }

    /**
     * A video a local user asked for by its URL (PeerTube's search by URL): stored even from an
     * instance we follow nothing of, as PeerTube stores what its users look up; blocks still apply.
     *
     * @return its id here
     */
    public long fetchAsked(String videoUrl) {
        return store(AsToVideo.parse(fetcher.fetch(videoUrl)), null, true);
    }

    /**
     * Reads a remote video again from its origin: changed, it is updated; gone there (404, 410 or a
     * Tombstone), it goes here too. An origin that does not answer keeps our copy (the job retries).
     */
    public void refresh(long videoId) {
        Optional<String> url = videos.urlOf(videoId);
        if (url.isEmpty()) return;
        JsonNode o;
        try {
            o = fetcher.fetch(url.get());
        } catch (FederationHttpException e) {
            if (e.status() != 404 && e.status() != 410) {
                if (e.status() == 0 || e.status() >= 500) failures.originFailed(url.get());
                throw e;
            }
            o = null;
        }
        if (o == null || "Tombstone".equals(o.path("type").asText())) {
            transactions.useTransaction(h -> videos.delete(h, videoId));
            log.info("remote video {} is gone from its origin: deleted here", url.get());
            return;
        }
        RemoteVideo v = AsToVideo.parse(o);
        if (!v.url().equals(url.get())) throw new FederationException("refresh of " + url.get() + " answered another video, " + v.url());
        store(v, null, false, true);
    }

    /** Stores or updates the video; `asked` when a local user asked for it, whose instance we then need not follow. */
    private long store(RemoteVideo v, String via, boolean asked) {
        return store(v, via, asked, false);
    }

    private long store(RemoteVideo v, String via, boolean asked, boolean refreshed) {
        String host = Texts.hostOf(v.url());
        boolean known = videos.idByUrl(v.url()).isPresent();
        if (!known && !asked && !followsSomethingOn(host) && (via == null || !followed(via))) {
            throw new FederationException("we follow nobody on " + host + ": video " + v.url() + " not stored");
        }
        Actor owner = actors.resolve(v.ownerUrl());
        if (owner.accountId() != null && blocks.isAccountBlocked(owner.accountId())) {
            throw new FederationException("account " + owner.handle() + " is blocked here: video " + v.url() + " not stored");
        }
        Actor channel = actors.resolve(v.channelUrl());
        if (channel.channelId() == null) throw new FederationException(v.channelUrl() + " is not a channel");
        Optional<RemoteVideoStore.Copy> before = videos.copy(v.url());
        long id = transactions.inTransaction(h -> {
            long stored = videos.upsert(h, v, channel.channelId(), clock.millis());
            // Subscribers hear of a video once, when it first arrives (an Update of a known one is not news).
            if (before.isEmpty()) notifications.videoPublished(h, stored);
            return stored;
        });
        if (before.isEmpty() || imagesChanged(before.get(), v)) jobs.enqueue(InboxJobs.FETCH, new FetchJob.Thumbnail(id, v.thumbnailUrl(), v.previewUrl()));
        // The hashes change with the renditions (an Update or a refresh lists them), or with a new file name.
        if (v.sha256Url() != null && (before.isEmpty() || !before.get().hasHashes() || refreshed || !v.sha256Url().equals(before.get().sha256Url())
                || videos.filesChanged(before.get(), v))) {
            jobs.enqueue(InboxJobs.FETCH, new FetchJob.Hashes(id, v.sha256Url()));
        }
        counts(id, v, before.map(RemoteVideoStore.Copy::countsFetchedAt).orElse(null));
        log.info("{} remote video {} ({})", known ? "updated" : "stored", v.url(), v.name());
        return id;
    }

    /** PeerTube names each new image file anew: the same URLs are the same images, copied already unless that failed. */
    private static boolean imagesChanged(RemoteVideoStore.Copy copy, RemoteVideo v) {
        return !copy.hasThumbnail() || !Objects.equals(copy.thumbnailUrl(), v.thumbnailUrl()) || !Objects.equals(copy.previewUrl(), v.previewUrl());
    }

    /**
     * Likes and dislikes come from the `totalItems` of the origin's collections, as PeerTube reads them.
     * An Update does not say whether they changed (PeerTube sends one per rating and per batch of views,
     * the same object each time): read at once when last read {@link #COUNTS_EVERY} ago or more, else
     * once that time is over, by one planned read for every Update meanwhile.
     */
    private void counts(long id, RemoteVideo v, Long lastRead) {
        long now = clock.millis();
        if (lastRead == null || now - lastRead >= COUNTS_EVERY.toMillis()) {
            readCounts(id, v.likesUrl(), v.dislikesUrl());
            return;
        }
        long due = lastRead + COUNTS_EVERY.toMillis();
        transactions.useTransaction(h -> {
            if (videos.planCounts(h, id, due)) jobs.enqueueAt(h, InboxJobs.FETCH, new FetchJob.Counts(id, v.likesUrl(), v.dislikesUrl()), due);
        });
    }

    /**
     * Copies the origin's segments-sha256.json, capped: PeerTube's is a few KB (one hash per
     * segment), and a larger or malformed one is refused rather than kept.
     */
    public void copyHashes(long id, String url) {
        if (videos.urlOf(id).isEmpty()) return;
        byte[] body = http.fetchBytes(java.net.URI.create(url), MAX_HASHES);
        if (body.length >= MAX_HASHES) throw new FederationException("segment hashes " + url + " larger than " + MAX_HASHES + " bytes");
        JsonNode json;
        try {
            json = mapper.readTree(body);
        } catch (java.io.IOException e) {
            throw new FederationException("segment hashes " + url + " are not JSON");
        }
        if (json == null || !json.isObject()) throw new FederationException("segment hashes " + url + " are not a JSON object");
        for (JsonNode file : json) {
            if (!file.isObject()) throw new FederationException("segment hashes " + url + " are not PeerTube's {file: {range: sha256}}");
        }
        String copy = json.toString();
        boolean changed = !copy.equals(videos.segmentsSha256(id).orElse(null));
        videos.setSegmentsSha256(id, url, copy);
        if (changed) hashesChanged.hashesChanged(id);
    }

    /** Reads a remote video's likes and dislikes from its origin's collections now. */
    public void readCounts(long id, String likesUrl, String dislikesUrl) {
        if (videos.urlOf(id).isEmpty()) return;
        videos.setCounts(id, total(likesUrl), total(dislikesUrl), clock.millis());
    }

    private Long total(String collection) {
        if (collection == null) return null;
        try {
            JsonNode c = fetcher.fetch(collection);
            return c.path("totalItems").canConvertToLong() ? Math.max(0, c.path("totalItems").asLong()) : null;
        } catch (RuntimeException e) {
            log.info("cannot read {}: {}", collection, e.getMessage());
            return null;
        }
    }

    private boolean followsSomethingOn(String host) {
        return actorStore.anyLocalFollowsOn(host);
    }

    private boolean followed(String actorUrl) {
        return actorStore.byUrl(actorUrl).map(a -> actorStore.anyLocalFollows(a.id())).orElse(false);
    }

    /** Delete of a video: only from its origin host. */
    /** The remote video we list at this URL, if any. */
    public Optional<Long> remoteVideoId(String url) {
        return videos.idByUrl(url);
    }

    /** Only the video's own host may delete it. */
    public void onDelete(String activityActor, DeleteTarget.RemoteVideo target) {
        String url = target.url();
        if (!Texts.hostOf(activityActor).equals(Texts.hostOf(url))) {
            throw new FederationException(activityActor + " may not delete " + url + ", a video of another host");
        }
        transactions.useTransaction(h -> videos.delete(h, target.videoId()));
        log.info("remote video {} deleted by its origin", url);
    }
}
