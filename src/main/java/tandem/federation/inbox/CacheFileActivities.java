package tandem.federation.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tandem.db.Transactions;
import tandem.federation.actor.LocalActors;
import tandem.federation.actor.ObjectFetcher;
import tandem.federation.outbox.Audience;
import tandem.federation.outbox.Outbox;
import tandem.federation.transport.FederationHttpException;
import tandem.federation.vocab.AsToActivity;
import tandem.federation.vocab.AsToCacheFile;
import tandem.federation.vocab.CacheFile;
import tandem.federation.vocab.FederationException;
import tandem.federation.vocab.Texts;
import tandem.video.Video;
import tandem.video.VideoService;

import java.util.List;
import java.util.Optional;

/**
 * CacheFiles (other instances' mirrors, PeerTube's redundancy) arriving in Create, Update and
 * Undo(Create): authenticated here (a CacheFile id on its actor's host; a forwarded one re-read from
 * the mirror itself, never trusted from the relayed body), judged by the mirror package through
 * {@link CacheFileSink}, and, when the video is ours and the sender told us itself, forwarded to
 * the followers of the video's actors so that third instances learn of the mirror, as PeerTube does.
 */
public final class CacheFileActivities {
    private static final Logger log = LoggerFactory.getLogger(CacheFileActivities.class);

    private final ObjectFetcher fetcher;
    private final CacheFileSink sink;
    private final LocalActors local;
    private final VideoService videos;
    private final Audience audience;
    private final Outbox outbox;
    private final Transactions transactions;

    public CacheFileActivities(ObjectFetcher fetcher, CacheFileSink sink, LocalActors local, VideoService videos, Audience audience, Outbox outbox,
                               Transactions transactions) {
        this.fetcher = fetcher;
        this.sink = sink;
        this.local = local;
        this.videos = videos;
        this.audience = audience;
        this.outbox = outbox;
        this.transactions = transactions;
    }

    /** Create or Update of a CacheFile; `original` is the activity as received, relayed as it is. */
    public void onCreateOrUpdate(String actor, JsonNode object, boolean forwarded, ObjectNode original) {
        JsonNode body = forwarded || object.isTextual() ? fetcher.fetch(AsToActivity.idOf(object)) : object;
        CacheFile c = AsToCacheFile.parse(body);
        onActorsHost(actor, c.id());
        sink.onCreateOrUpdate(actor, c, forwarded);
        forward(c.videoUrl(), actor, forwarded, original);
    }

    /**
     * Undo(Create(CacheFile)). A forwarded one counts only once the mirror itself no longer serves its
     * CacheFile: the origin's signature proves the relay, not the mirror's will.
     */
    public void onUndo(String actor, JsonNode cacheFile, boolean forwarded, ObjectNode original) {
        String id = AsToActivity.idOf(cacheFile);
        if (id == null) throw new FederationException("Undo of a CacheFile that has no id");
        onActorsHost(actor, id);
        if (forwarded && stillServed(id)) throw new FederationException("forwarded Undo of CacheFile " + id + ", which its mirror still serves");
        // An embedded CacheFile is read like any other (a malformed one is refused); it names the video to forward to.
        String video = cacheFile.isObject() ? AsToCacheFile.parse(cacheFile).videoUrl() : null;
        sink.onUndo(actor, id);
        if (video != null) forward(video, actor, forwarded, original);
    }

    /** A CacheFile is keyed by its id: one host must not name (and so update or undo) another host's. */
    private static void onActorsHost(String actor, String cacheFileId) {
        if (!Texts.hostOf(cacheFileId).equals(Texts.hostOf(actor))) {
            throw new FederationException("CacheFile " + cacheFileId + " is not on the host of its actor " + actor);
        }
    }

    private boolean stillServed(String id) {
        try {
            fetcher.fetch(id);
            return true;
        } catch (FederationHttpException e) {
            if (e.status() == 404 || e.status() == 410) return false;
            throw e;
        }
    }

    /** To the followers of our video's instance, account and channel, minus the sender's host (PeerTube's forward). */
    private void forward(String videoUrl, String actor, boolean forwarded, ObjectNode original) {
        if (forwarded || original == null) return;
        Optional<Video> v = local.localVideoId(videoUrl).flatMap(id -> videos.find(id)).filter(Video::isLocal);
        if (v.isEmpty()) return;
        String sender = Texts.hostOf(actor);
        // Actors read before the transaction: one created inside it would wait on SQLite's write lock.
        var involved = audience.involved(v.get().channel());
        var instance = local.instance();
        int n = transactions.inTransaction(h -> {
            List<String> inboxes = audience.followersOf(h, involved).stream().filter(i -> !Texts.hostOf(i).equals(sender)).toList();
            return outbox.send(h, instance, original, inboxes);
        });
        log.debug("{} {} of {} forwarded to {} inbox(es)", original.path("type").asText(), original.path("id").asText(), videoUrl, n);
    }
}
