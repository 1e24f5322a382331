package tandem.federation.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tandem.job.Job;
import tandem.job.JobHandler;

import java.util.Map;
import tandem.federation.actor.ObjectFetcher;
import tandem.federation.actor.RemoteActors;
import tandem.federation.transport.FederationHttpException;
import tandem.federation.transport.JobFailures;
import tandem.federation.vocab.Activity;
import tandem.federation.vocab.AsToActivity;
import tandem.federation.vocab.AsToCacheFile;
import tandem.federation.vocab.CacheFile;
import tandem.federation.vocab.FederationException;

/**
 * Processes one accepted inbox activity: decodes it and dispatches with one exhaustive switch to
 * the handler of its verb and object. A refusal (unknown target, someone else's video, an object
 * its origin refuses or lies about…) ends the job at once with its reason; a network failure or a
 * 5xx fetching an object is retried.
 */
public final class InboxProcessor implements JobHandler<InboxJob> {
    private static final Logger log = LoggerFactory.getLogger(InboxProcessor.class);

    private final Jdbi jdbi;
    private final ObjectMapper mapper;
    private final ObjectFetcher fetcher;
    private final FollowActivities follows;
    private final VideoActivities videos;
    private final CommentActivities comments;
    private final RateActivities rates;
    private final RemoteActors actors;
    private final ActorDeletions actorDeletions;

    public InboxProcessor(Jdbi jdbi, ObjectMapper mapper, ObjectFetcher fetcher, FollowActivities follows, VideoActivities videos,
                          CommentActivities comments, RateActivities rates, RemoteActors actors, ActorDeletions actorDeletions) {
        this.jdbi = jdbi;
        this.mapper = mapper;
        this.fetcher = fetcher;
        this.follows = follows;
        this.videos = videos;
        this.comments = comments;
        this.rates = rates;
        this.actors = actors;
        this.actorDeletions = actorDeletions;
    }

    @Override
    public void run(Job job, InboxJob payload) throws Exception {
        long rowId = payload.inbox();
        Map.Entry<String, String> row = jdbi.withHandle(h -> h.createQuery("SELECT body, signer_url FROM inbox_activities WHERE id = :id")
                .bind("id", rowId).map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2))).findOne()).orElse(null);
        if (row == null) return;
        JsonNode body = mapper.readTree(row.getKey());
        try {
            Activity activity = AsToActivity.parse(body);
            boolean forwarded = !activity.actor().equals(row.getValue());
            dispatch(activity, forwarded, (ObjectNode) body);
        } catch (RuntimeException e) {
            throw JobFailures.classify(e);
        }
    }

    private void dispatch(Activity activity, boolean forwarded, ObjectNode original) {
        switch (activity) {
            case Activity.Follow f -> follows.onFollow(f);
            case Activity.Accept a -> follows.onAccept(a);
            case Activity.Reject r -> follows.onReject(r);
            case Activity.Undo u -> undo(u);
            case Activity.Create c -> create(c.actor(), c.object(), forwarded, original);
            case Activity.Update u -> update(u.actor(), u.object(), forwarded);
            case Activity.Delete d -> delete(d, forwarded);
            case Activity.Announce a -> videos.onAnnounce(a.actor(), a.object());
            case Activity.Rate r -> rates.onRate(r.actor(), r.object(), r.dislike() ? "dislike" : "like");
            case Activity.View v -> {
                if (v.viewer()) log.debug("ignoring viewer heartbeat {} (not a view)", v.id());
                else rates.onView(v.actor(), v.object());
            }
            case Activity.Ignored i -> log.info("ignoring {} {} from {}", i.type(), i.id(), i.actor());
        }
    }

    private void undo(Activity.Undo u) {
        JsonNode inner = u.object();
        if (inner.isTextual()) {
            log.info("ignoring Undo of {} given by id only", inner.asText());
            return;
        }
        String innerActor = AsToActivity.idOf(inner.path("actor"));
        if (innerActor != null && !innerActor.equals(u.actor())) throw new FederationException(u.actor() + " cannot undo an activity of " + innerActor);
        switch (inner.path("type").asText()) {
            case "Follow" -> follows.onUndoFollow(u.actor(), inner);
            case "Like", "Dislike" -> {
                String video = AsToActivity.idOf(inner.path("object"));
                if (video == null) throw new FederationException("Undo of a " + inner.path("type").asText() + " that names no video");
                rates.onRate(u.actor(), video, "none");
            }
            case "Create" -> {
                if ("CacheFile".equals(inner.path("object").path("type").asText())) ignoreCacheFile("Undo", u.actor(), inner.path("object"));
                else log.info("ignoring Undo of Create by {}", u.actor());
            }
            default -> log.info("ignoring Undo of {}", inner.path("type").asText());
        }
    }

    private void create(String actor, JsonNode object, boolean forwarded, ObjectNode original) {
        JsonNode resolved = fetcher.resolve(object);
        String type = resolved.path("type").asText();
        switch (type) {
            case "Video" -> videos.onCreateOrUpdate(actor, AsToActivity.idOf(object));
            case "Note" -> comments.onCreate(actor, object, forwarded, forwarded ? null : original);
            case "CacheFile" -> ignoreCacheFile("Create", actor, resolved);
            default -> log.info("ignoring Create of {} by {}", type, actor);
        }
    }

    /** We do not mirror yet, but a CacheFile is still validated: a malformed one is refused like any bad activity. */
    private static void ignoreCacheFile(String verb, String actor, JsonNode object) {
        CacheFile c = AsToCacheFile.parse(object);
        log.info("ignoring CacheFile {} of {} ({} by {}; mirrors are not followed yet)", c.id(), c.videoUrl(), verb, actor);
    }

    private void update(String actor, JsonNode object, boolean forwarded) {
        String type = object.isObject() ? object.path("type").asText() : "";
        switch (type) {
            case "Video" -> videos.onCreateOrUpdate(actor, AsToActivity.idOf(object));
            case "Person", "Group", "Application", "Service", "Organization" -> {
                if (!forwarded && actor.equals(AsToActivity.idOf(object))) actors.resolve(actor, true);
            }
            default -> log.info("ignoring Update of {} by {}", type.isEmpty() ? "an object given by id" : type, actor);
        }
    }

    /** A Delete names a video, a comment or an actor. A forwarded one counts only if the origin no longer has the object. */
    private void delete(Activity.Delete d, boolean forwarded) {
        if (forwarded && stillThere(d.object())) throw new FederationException("forwarded Delete of " + d.object() + ", which its origin still serves");
        if (videos.onDelete(d.actor(), d.object())) return;
        if (comments.onDelete(d.actor(), d.object())) return;
        if (actorDeletions.onDelete(d.actor(), d.object())) return;
        log.info("ignoring Delete of {} (unknown here)", d.object());
    }

    private boolean stillThere(String url) {
        try {
            return !"Tombstone".equals(fetcher.fetch(url).path("type").asText());
        } catch (FederationHttpException e) {
            return !(e.status() == 404 || e.status() == 410);
        }
    }
}
