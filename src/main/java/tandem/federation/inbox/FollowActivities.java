package tandem.federation.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tandem.db.Transactions;
import tandem.job.JobQueue;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import tandem.federation.actor.Actor;
import tandem.federation.actor.ActorStore;
import tandem.federation.actor.Follow;
import tandem.federation.actor.LocalActors;
import tandem.federation.actor.RemoteActors;
import tandem.federation.outbox.Outbox;
import tandem.federation.vocab.Activity;
import tandem.federation.vocab.AsToActivity;
import tandem.federation.vocab.Contexts;
import tandem.federation.vocab.FederationException;

/**
 * Follow, Accept, Reject and Undo(Follow), both ways. Follows of our channels and accounts are
 * accepted at once (PeerTube's rule); follows of the instance wait for the admin when manual
 * approval is on. When one of our follows is accepted, the followed actor's outbox is crawled so
 * its existing videos appear too.
 */
public final class FollowActivities {
    private static final Logger log = LoggerFactory.getLogger(FollowActivities.class);

    private final Transactions transactions;
    private final ObjectMapper mapper;
    private final ActorStore store;
    private final RemoteActors remote;
    private final LocalActors local;
    private final Outbox outbox;
    private final JobQueue jobs;
    private final Clock clock;
    private final boolean manualApproval;
    private final java.util.function.Function<String, Optional<Actor>> localActor;

    public FollowActivities(Transactions transactions, ObjectMapper mapper, ActorStore store, RemoteActors remote, LocalActors local, Outbox outbox,
                            JobQueue jobs, Clock clock, boolean manualApproval, java.util.function.Function<String, Optional<Actor>> localActor) {
        this.transactions = transactions;
        this.localActor = localActor;
        this.mapper = mapper;
        this.store = store;
        this.remote = remote;
        this.local = local;
        this.outbox = outbox;
        this.jobs = jobs;
        this.clock = clock;
        this.manualApproval = manualApproval;
    }

    public void onFollow(Activity.Follow f) {
        Optional<Actor> target = localActor.apply(f.object());
        if (target.isEmpty()) throw new FederationException("Follow target " + f.object() + " is not an actor of this instance");
        Actor follower = remote.resolve(f.actor());
        boolean pending = target.get().isInstance() && manualApproval;
        transactions.useTransaction(h -> {
            store.upsertFollow(h, follower.id(), target.get().id(), pending ? Follow.PENDING : Follow.ACCEPTED, f.id(), clock.millis());
            if (!pending) sendAnswer(h, "Accept", target.get(), follower, f.id());
        });
        log.info("{} follows {} ({})", follower.handle(), target.get().handle(), pending ? "waiting for the admin" : "accepted");
    }

    /** Answers a follower with Accept or Reject (`object` = the Follow), to its own inbox. */
    public void sendAnswer(org.jdbi.v3.core.Handle h, String type, Actor target, Actor follower, String followId) {
        ObjectNode a = mapper.createObjectNode();
        a.set("@context", Contexts.base(mapper));
        a.put("id", local.base() + ("Accept".equals(type) ? "/accepts/follows/" : "/rejects/follows/") + follower.id() + "-" + target.id() + "-" + clock.millis());
        a.put("type", type);
        a.put("actor", target.url());
        a.putObject("object").put("id", followId).put("type", "Follow").put("actor", follower.url()).put("object", target.url());
        outbox.send(h, target, a, List.of(follower.inbox()));
    }

    public void onAccept(Activity.Accept a) {
        Follow ours = ourFollow(a.follow(), a.actor());
        transactions.useTransaction(h -> store.setFollowState(h, ours.follower().id(), ours.target().id(), Follow.ACCEPTED, clock.millis()));
        log.info("{} accepted our follow", ours.target().handle());
        if (ours.target().outbox() != null) {
            jobs.enqueue(InboxJobs.CRAWL, new CrawlJob(ours.target().outbox()));
        }
    }

    public void onReject(Activity.Reject r) {
        Follow ours = ourFollow(r.follow(), r.actor());
        transactions.useTransaction(h -> store.deleteFollow(h, ours.follower().id(), ours.target().id()));
        log.info("{} rejected our follow", ours.target().handle());
    }

    public void onUndoFollow(String actorUrl, JsonNode follow) {
        String target = AsToActivity.idOf(follow.path("object"));
        Optional<Actor> follower = store.byUrl(actorUrl);
        Optional<Actor> ours = target == null ? Optional.empty() : store.byUrl(target).filter(Actor::local);
        if (follower.isEmpty() || ours.isEmpty()) return;
        transactions.useTransaction(h -> store.deleteFollow(h, follower.get().id(), ours.get().id()));
        log.info("{} stopped following {}", follower.get().handle(), ours.get().handle());
    }

    /** The follow of ours that an Accept/Reject answers; only its target may answer it. */
    private Follow ourFollow(JsonNode follow, String answeredBy) {
        Actor target = remote.resolve(answeredBy);
        String followerUrl = follow.isObject() ? AsToActivity.idOf(follow.path("actor")) : null;
        List<Actor> candidates = followerUrl != null
                ? store.byUrl(followerUrl).filter(Actor::local).stream().toList()
                : List.of(local.instance());
        for (Actor follower : candidates) {
            Optional<Follow> f = store.follow(follower.id(), target.id());
            if (f.isPresent()) return f.get();
        }
        // A Follow given by id only: find which of our actors sent it.
        String followId = AsToActivity.idOf(follow);
        if (followId != null) {
            Optional<Actor> byId = store.byUrl(followId.replaceAll("/follows/.*$", "")).filter(Actor::local);
            if (byId.isPresent()) {
                Optional<Follow> f = store.follow(byId.get().id(), target.id());
                if (f.isPresent()) return f.get();
            }
        }
        throw new FederationException(answeredBy + " answered a follow we never sent");
    }
}
