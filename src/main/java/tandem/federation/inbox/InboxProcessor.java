package tandem.federation.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tandem.job.Job;
import tandem.job.JobHandler;

import tandem.federation.actor.ObjectFetcher;
import tandem.federation.actor.RemoteActors;
import tandem.federation.transport.FederationHttpException;
import tandem.federation.transport.JobFailures;
import tandem.federation.vocab.Activity;
import tandem.federation.vocab.AsObject;
import tandem.federation.vocab.AsToObject;
import tandem.federation.vocab.AsToActivity;
import tandem.federation.vocab.FederationException;

/**
 * Processes one accepted inbox activity: decodes it and dispatches with one exhaustive switch to
 * the handler of its verb and object. A refusal (unknown target, someone else's video, an object
 * its origin refuses or lies about…) ends the job at once with its reason; a network failure or a
 * 5xx fetching an object is retried.
 */
public final class InboxProcessor implements JobHandler<InboxJob> {
    private static final Logger log = LoggerFactory.getLogger(InboxProcessor.class);

    private final InboxStore store;
    private final ObjectMapper mapper;
    private final ObjectFetcher fetcher;
    private final FollowActivities follows;
    private final VideoActivities videos;
    private final CommentActivities comments;
    private final RateActivities rates;
    private final RemoteActors actors;
    private final ActorDeletions actorDeletions;
    private final DeleteTargets deletes;
    private final CacheFileActivities cacheFiles;
    private final UsageActivities usage;
    private final FlagActivities flags;

    public InboxProcessor(InboxStore store, ObjectMapper mapper, ObjectFetcher fetcher, FollowActivities follows, VideoActivities videos,
                          CommentActivities comments, RateActivities rates, RemoteActors actors, ActorDeletions actorDeletions,
                          DeleteTargets deletes, CacheFileActivities cacheFiles, UsageActivities usage, FlagActivities flags) {
        this.flags = flags;
        this.cacheFiles = cacheFiles;
        this.usage = usage;
        this.store = store;
        this.mapper = mapper;
        this.fetcher = fetcher;
        this.follows = follows;
        this.videos = videos;
        this.comments = comments;
        this.rates = rates;
        this.actors = actors;
        this.actorDeletions = actorDeletions;
        this.deletes = deletes;
    }

    @Override
    public void run(Job job, InboxJob payload) throws Exception {
        long rowId = payload.inbox();
        InboxStore.Received row = store.find(rowId).orElse(null);
        if (row == null) return;
        JsonNode body = mapper.readTree(row.body());
        try {
            Activity activity = AsToActivity.parse(body);
            boolean forwarded = !activity.actor().equals(row.signerUrl());
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
            case Activity.Undo u -> undo(u, forwarded, original);
            case Activity.Create c -> create(c.actor(), c.object(), forwarded, original);
            case Activity.Update u -> update(u.actor(), u.object(), forwarded, original);
            case Activity.Delete d -> delete(d, forwarded);
            case Activity.Announce a -> videos.onAnnounce(a.actor(), a.object());
            case Activity.Rate r -> rates.onRate(r.actor(), r.object(), r.dislike() ? "dislike" : "like");
            case Activity.View v -> {
                if (v.viewer()) log.debug("ignoring viewer heartbeat {} (not a view)", v.id());
                else rates.onView(v.actor(), v.object());
            }
            case Activity.ApproveReply a -> comments.onApproveReply(a, forwarded);
            case Activity.UsageReport r -> usage.onReport(r);
            case Activity.UsageStatement s -> usage.onStatement(s);
            case Activity.Flag f -> flags.onFlag(f);
            case Activity.Ignored i -> log.info("ignoring {} {} from {}", i.type(), i.id(), i.actor());
        }
    }

    private void undo(Activity.Undo u, boolean forwarded, ObjectNode original) {
        JsonNode inner = u.object();
        AsObject undone = AsToObject.parse(inner);
        if (undone instanceof AsObject.Unresolved r) {
            log.info("ignoring Undo of {} given by id only", r.id());
            return;
        }
        String innerActor = AsToActivity.idOf(inner.path("actor"));
        if (innerActor != null && !innerActor.equals(u.actor())) throw new FederationException(u.actor() + " cannot undo an activity of " + innerActor);
        switch (undone) {
            case AsObject.FollowActivity f -> follows.onUndoFollow(u.actor(), f.body());
            case AsObject.RateActivity r -> {
                String video = AsToActivity.idOf(r.body().path("object"));
                if (video == null) throw new FederationException("Undo of a " + r.type() + " that names no video");
                rates.onRate(u.actor(), video, "none");
            }
            case AsObject.CreateActivity c -> {
                if (AsToObject.parse(c.body().path("object")) instanceof AsObject.CacheFile cf) cacheFiles.onUndo(u.actor(), cf.body(), forwarded, original);
                else log.info("ignoring Undo of Create by {}", u.actor());
            }
            case AsObject.Video _, AsObject.Note _, AsObject.CacheFile _, AsObject.Actor _, AsObject.Unresolved _, AsObject.Other _ ->
                    log.info("ignoring Undo of {}", inner.path("type").asText());
        }
    }

    private void create(String actor, JsonNode object, boolean forwarded, ObjectNode original) {
        switch (AsToObject.parse(fetcher.resolve(object))) {
            // The id the activity named, not the fetched body's: the video handler re-reads it from there.
            case AsObject.Video _ -> videos.onCreateOrUpdate(actor, AsToActivity.idOf(object), AsToActivity.updatedOf(object));
            case AsObject.Note _ -> comments.onCreate(actor, object, forwarded, forwarded ? null : original);
            case AsObject.CacheFile c -> cacheFiles.onCreateOrUpdate(actor, c.body(), forwarded, original);
            case AsObject.Actor a -> log.info("ignoring Create of {} by {}", a.type(), actor);
            case AsObject.FollowActivity _, AsObject.RateActivity _, AsObject.CreateActivity _, AsObject.Unresolved _ ->
                    log.info("ignoring Create of an activity by {}", actor);
            case AsObject.Other o -> log.info("ignoring Create of {} by {}", o.type(), actor);
        }
    }

    private void update(String actor, JsonNode object, boolean forwarded, ObjectNode original) {
        switch (AsToObject.parse(object)) {
            case AsObject.Video _ -> videos.onCreateOrUpdate(actor, AsToActivity.idOf(object), AsToActivity.updatedOf(object));
            case AsObject.Actor a -> {
                if (!forwarded && actor.equals(a.id())) actors.resolve(actor, true);
            }
            case AsObject.Unresolved _ -> log.info("ignoring Update of an object given by id by {}", actor);
            case AsObject.CacheFile c -> cacheFiles.onCreateOrUpdate(actor, c.body(), forwarded, original);
            case AsObject.Note _, AsObject.FollowActivity _, AsObject.RateActivity _, AsObject.CreateActivity _, AsObject.Other _ ->
                    log.info("ignoring Update of {} by {}", object.path("type").asText(), actor);
        }
    }

    /** A Delete names a video, a comment or an actor. A forwarded one counts only if the origin no longer has the object. */
    private void delete(Activity.Delete d, boolean forwarded) {
        if (forwarded && stillThere(d.object())) throw new FederationException("forwarded Delete of " + d.object() + ", which its origin still serves");
        switch (deletes.resolve(d.object())) {
            case DeleteTarget.RemoteVideo v -> videos.onDelete(d.actor(), v);
            case DeleteTarget.KnownComment c -> comments.onDelete(d.actor(), c);
            case DeleteTarget.RemoteActor a -> actorDeletions.onDelete(d.actor(), a);
            case DeleteTarget.Unknown u -> log.info("ignoring Delete of {} (unknown here)", u.url());
        }
    }

    private boolean stillThere(String url) {
        try {
            return !"Tombstone".equals(fetcher.fetch(url).path("type").asText());
        } catch (FederationHttpException e) {
            return !(e.status() == 404 || e.status() == 410);
        }
    }
}
