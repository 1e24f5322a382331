package tandem.federation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tandem.db.Transactions;
import tandem.federation.actor.Actor;
import tandem.federation.actor.ActorStore;
import tandem.federation.actor.LocalActors;
import tandem.federation.actor.RemoteVideoStore;
import tandem.federation.outbox.Outbox;
import tandem.federation.vocab.Contexts;
import tandem.video.Video;
import tandem.video.VideoService;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Announces our mirrors to the mirrored videos' origins in PeerTube's shapes (interop notes §8):
 * `Create(CacheFile)`, `Update` with the new `expires`, `Undo(Create)`, sent by our instance actor
 * to the owner account's (shared) inbox through the durable, signed {@link Outbox}. The origin
 * forwards them to its followers, so we address nobody else.
 */
public final class CacheFiles implements CacheFileAnnouncer {
    private static final Logger log = LoggerFactory.getLogger(CacheFiles.class);

    private final Transactions transactions;
    private final ObjectMapper mapper;
    private final VideoService videos;
    private final RemoteVideoStore remoteVideos;
    private final ActorStore actors;
    private final LocalActors local;
    private final Outbox outbox;
    private final Function<String, String> ourBaseUrl;
    private final Clock clock;

    /** @param ourBaseUrl a video uuid → the directory URL where we serve its mirrored files (the mirror package decides it) */
    public CacheFiles(Transactions transactions, ObjectMapper mapper, VideoService videos, RemoteVideoStore remoteVideos, ActorStore actors,
                      LocalActors local, Outbox outbox, Function<String, String> ourBaseUrl, Clock clock) {
        this.transactions = transactions;
        this.mapper = mapper;
        this.videos = videos;
        this.remoteVideos = remoteVideos;
        this.actors = actors;
        this.local = local;
        this.outbox = outbox;
        this.ourBaseUrl = ourBaseUrl;
        this.clock = clock;
    }

    /** A CacheFile's id: PeerTube's URL of an HLS redundancy, which we also serve (see {@code CacheFileDocument}). */
    public static String cacheFileId(String base, String uuid) {
        return base + "/redundancy/streaming-playlists/hls/" + uuid;
    }

    @Override
    public void created(long videoId, Instant expires) {
        target(videoId).ifPresent(t -> {
            ObjectNode create = activity("Create", t.cacheFileId() + "/activity", t);
            create.set("object", cacheFile(t, expires));
            send(t, create);
        });
    }

    @Override
    public void extended(long videoId, Instant expires) {
        target(videoId).ifPresent(t -> {
            // PeerTube's ids: `<id>/updates/<ISO date>`, `<id>/undo`; the Undo gets a time too, as we may withdraw a video twice.
            ObjectNode update = activity("Update", t.cacheFileId() + "/updates/" + clock.instant(), t);
            update.set("object", cacheFile(t, expires));
            send(t, update);
        });
    }

    @Override
    public void withdrawn(long videoId) {
        target(videoId).ifPresent(t -> {
            ObjectNode undo = activity("Undo", t.cacheFileId() + "/undo/" + clock.instant(), t);
            ObjectNode create = activity("Create", t.cacheFileId() + "/activity", t);
            create.remove("@context");
            // PeerTube's Undo carries the whole Create; its expiry no longer matters.
            create.set("object", cacheFile(t, null));
            undo.set("object", create);
            send(t, undo);
        });
    }

    /** The remote video we mirror, its owner and where the owner hears from us. */
    private record Target(Video video, String videoUrl, String cacheFileId, Actor owner) {}

    private Optional<Target> target(long videoId) {
        Optional<Video> v = videos.find(String.valueOf(videoId)).filter(x -> !x.isLocal());
        Optional<String> url = v.flatMap(x -> remoteVideos.urlOf(x.id()));
        Optional<Actor> owner = v.flatMap(x -> actors.byAccount(x.channel().account().id()));
        if (v.isEmpty() || url.isEmpty() || owner.isEmpty()) {
            // Our mirror's bookkeeping goes on; only the announcement has no one to go to.
            log.warn("not announcing a mirror of video {}: no such remote video or owner here", videoId);
            return Optional.empty();
        }
        return Optional.of(new Target(v.get(), url.get(), cacheFileId(local.base(), v.get().uuid()), owner.get()));
    }

    private ObjectNode activity(String type, String id, Target t) {
        ObjectNode a = mapper.createObjectNode();
        a.set("@context", Contexts.cacheFile(mapper));
        a.put("type", type).put("id", id).put("actor", local.instanceUrl());
        a.putArray("to").add(t.owner().url());
        a.putArray("cc");
        return a;
    }

    private ObjectNode cacheFile(Target t, Instant expires) {
        ObjectNode o = mapper.createObjectNode();
        o.put("id", t.cacheFileId()).put("type", "CacheFile").put("object", t.videoUrl());
        if (expires == null) o.putNull("expires");
        else o.put("expires", expires.toString());
        o.putObject("url").put("type", "Link").put("mediaType", "application/x-mpegURL").put("href", ourBaseUrl.apply(t.video().uuid()));
        return o;
    }

    private void send(Target t, ObjectNode activity) {
        // The instance actor before the transaction: creating it takes a connection of its own, which
        // SQLite would keep waiting for the write lock this transaction holds.
        Actor instance = local.instance();
        transactions.useTransaction(h -> outbox.send(h, instance, activity, List.of(t.owner().deliveryInbox())));
        log.info("{} of CacheFile {} queued for {}", activity.path("type").asText(), t.cacheFileId(), t.owner().host());
    }

    /** Our CacheFile object for a video we mirror, as served at its id: {@code expires} as in our `mirrors` row. */
    public Optional<ObjectNode> document(long videoId, Instant expires) {
        return target(videoId).map(t -> {
            ObjectNode o = cacheFile(t, expires);
            ObjectNode doc = mapper.createObjectNode();
            doc.set("@context", Contexts.cacheFile(mapper));
            doc.setAll(o);
            return doc;
        });
    }
}
