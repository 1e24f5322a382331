package tandem.federation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tandem.core.Page;
import tandem.core.Problem;
import tandem.db.Transactions;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import tandem.federation.actor.Actor;
import tandem.federation.actor.ActorStore;
import tandem.federation.actor.Finger;
import tandem.federation.actor.Follow;
import tandem.federation.actor.LocalActors;
import tandem.federation.actor.RemoteActors;
import tandem.federation.inbox.FollowActivities;
import tandem.federation.outbox.Outbox;
import tandem.federation.vocab.ActorHandle;
import tandem.federation.vocab.Contexts;
import tandem.federation.vocab.FederationException;

/**
 * The admin's side of instance follows (PeerTube's `/server/following` and `/server/followers`):
 * our instance actor follows a host's instance actor or a channel/account handle; followers of our
 * instance are accepted, rejected or removed.
 */
public final class Following {
    private static final Logger log = LoggerFactory.getLogger(Following.class);

    private final Transactions transactions;
    private final ObjectMapper mapper;
    private final ActorStore store;
    private final RemoteActors remote;
    private final LocalActors local;
    private final Finger finger;
    private final Outbox outbox;
    private final FollowActivities follows;
    private final Clock clock;

    public Following(Transactions transactions, ObjectMapper mapper, ActorStore store, RemoteActors remote, LocalActors local, Finger finger,
                     Outbox outbox, FollowActivities follows, Clock clock) {
        this.transactions = transactions;
        this.mapper = mapper;
        this.store = store;
        this.remote = remote;
        this.local = local;
        this.finger = finger;
        this.outbox = outbox;
        this.follows = follows;
        this.clock = clock;
    }

    /** Follows a host's instance actor, or an account/channel by handle. */
    public void follow(String hostOrHandle) {
        String url;
        try {
            url = hostOrHandle.contains("@") ? finger.handle(hostOrHandle) : finger.instanceActor(hostOrHandle);
        } catch (FederationException e) {
            throw Problem.badRequest(e.getMessage());
        } catch (RuntimeException e) {
            throw Problem.badRequest("Cannot reach " + hostOrHandle + ": " + e.getMessage());
        }
        if (local.isLocal(url)) throw Problem.badRequest("This instance cannot follow itself");
        Actor target;
        try {
            target = remote.resolve(url, true);
        } catch (RuntimeException e) {
            throw Problem.badRequest("Cannot fetch the actor of " + hostOrHandle + ": " + e.getMessage());
        }
        follow(local.instance(), target);
    }

    /** Sends a Follow from one of our actors (the instance, or a user's account subscribing to a channel). */
    public void follow(Actor from, Actor target) {
        String activityId = from.url() + "/follows/" + target.id();
        ObjectNode f = mapper.createObjectNode();
        f.set("@context", Contexts.base(mapper));
        f.put("id", activityId);
        f.put("type", "Follow");
        f.put("actor", from.url());
        f.put("object", target.url());
        transactions.useTransaction(h -> {
            store.upsertFollow(h, from.id(), target.id(), Follow.PENDING, activityId, clock.millis());
            outbox.send(h, from, f, List.of(target.inbox()));
        });
        log.info("{} asked to follow {}", from.handle(), target.handle());
    }

    public void unfollow(String hostOrHandle) {
        Actor target = knownTarget(hostOrHandle).orElseThrow(() -> Problem.notFound("Follow " + hostOrHandle + " not found"));
        unfollow(local.instance(), target);
    }

    /** Ends a follow and tells the target (Undo of the Follow). */
    public void unfollow(Actor from, Actor target) {
        Follow f = store.follow(from.id(), target.id()).orElseThrow(() -> Problem.notFound("Follow " + target.handle() + " not found"));
        ObjectNode undo = mapper.createObjectNode();
        undo.set("@context", Contexts.base(mapper));
        undo.put("id", f.activityUrl() + "/undo");
        undo.put("type", "Undo");
        undo.put("actor", from.url());
        undo.putObject("object").put("id", f.activityUrl()).put("type", "Follow").put("actor", from.url()).put("object", target.url());
        transactions.useTransaction(h -> {
            store.deleteFollow(h, from.id(), target.id());
            outbox.send(h, from, undo, List.of(target.inbox()));
        });
        log.info("{} stopped following {}", from.handle(), target.handle());
    }

    /** Whether our instance actor follows (or asked to follow) this host's instance actor. */
    public boolean followsInstance(String host) {
        try {
            return store.followedInstance(local.instance().id(), ActorHandle.normaliseHost(host)).isPresent();
        } catch (FederationException e) {
            return false;
        }
    }

    private Optional<Actor> knownTarget(String hostOrHandle) {
        try {
            if (hostOrHandle.contains("@")) return store.byHandle(ActorHandle.parse(hostOrHandle));
            return store.followedInstance(local.instance().id(), ActorHandle.normaliseHost(hostOrHandle));
        } catch (FederationException e) {
            throw Problem.badRequest(e.getMessage());
        }
    }

    public Page<Follow> following(int start, int count) {
        List<Long> me = List.of(local.instance().id());
        return new Page<>(store.countFollows(false, me, null), store.follows(false, me, start, count));
    }

    public Page<Follow> followers(int start, int count) {
        List<Long> me = List.of(local.instance().id());
        return new Page<>(store.countFollows(true, me, null), store.follows(true, me, start, count));
    }

    public void acceptFollower(String handle) {
        Follow f = followerOf(handle);
        transactions.useTransaction(h -> {
            store.setFollowState(h, f.follower().id(), f.target().id(), Follow.ACCEPTED, clock.millis());
            follows.sendAnswer(h, "Accept", f.target(), f.follower(), f.activityUrl());
        });
    }

    /** Rejects a pending follower, or removes an accepted one (PeerTube sends a Reject for both). */
    public void rejectFollower(String handle) {
        Follow f = followerOf(handle);
        transactions.useTransaction(h -> {
            store.deleteFollow(h, f.follower().id(), f.target().id());
            follows.sendAnswer(h, "Reject", f.target(), f.follower(), f.activityUrl());
        });
    }

    private Follow followerOf(String handle) {
        Actor follower;
        try {
            follower = store.byHandle(ActorHandle.parse(handle)).orElseThrow(() -> Problem.notFound("Follower " + handle + " not found"));
        } catch (FederationException e) {
            throw Problem.badRequest(e.getMessage());
        }
        return store.follow(follower.id(), local.instance().id()).orElseThrow(() -> Problem.notFound("Follower " + handle + " not found"));
    }
}
