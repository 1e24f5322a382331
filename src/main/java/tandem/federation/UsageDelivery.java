package tandem.federation;

import org.jdbi.v3.core.Handle;
import tandem.federation.actor.Actor;
import tandem.federation.actor.ActorStore;
import tandem.federation.actor.Finger;
import tandem.federation.actor.LocalActors;
import tandem.federation.actor.RemoteActors;
import tandem.federation.document.UsageToAs;
import tandem.federation.outbox.Outbox;
import tandem.federation.vocab.Usage;

import java.time.Instant;
import java.util.List;

/**
 * Carries the ledger's usage reports and statements between instance actors through the durable,
 * signed {@link Outbox}, retried with backoff while the peer is down. The ledger (mirror package)
 * decides what they say; this class knows where they go and in which shape.
 */
public final class UsageDelivery {
    private final ActorStore actors;
    private final LocalActors local;
    private final Finger finger;
    private final RemoteActors remote;
    private final UsageToAs toAs;
    private final Outbox outbox;

    public UsageDelivery(ActorStore actors, LocalActors local, Finger finger, RemoteActors remote, UsageToAs toAs, Outbox outbox) {
        this.actors = actors;
        this.local = local;
        this.finger = finger;
        this.remote = remote;
        this.toAs = toAs;
        this.outbox = outbox;
    }

    /** Our instance actor: read it before opening a transaction (creating it takes a connection of its own). */
    public Actor us() {
        return local.instance();
    }

    /**
     * The instance actor of `host`: the one we follow (a mirror follows its origins, and needs no
     * network for it, so a report is queued even while the origin is down), else looked up through
     * the host's NodeInfo or WebFinger.
     */
    public Actor instanceOf(String host) {
        return actors.followedInstance(local.instance().id(), host).orElseGet(() -> remote.resolve(finger.instanceActor(host)));
    }

    /** The uuid (or short id) of one of our videos named by its ActivityPub id. */
    public java.util.Optional<String> localVideoId(String url) {
        return local.localVideoId(url);
    }

    /** Queues our report for `hour` to `origin`'s inbox in the caller's transaction; returns its id. */
    public String report(Handle h, Actor us, Actor origin, Instant hour, List<Usage.Claim> claims) {
        var activity = toAs.report(origin.host(), origin.url(), hour, claims);
        outbox.send(h, us, activity, List.of(origin.deliveryInbox()));
        return activity.path("id").asText();
    }

    /** The id our report to `originHost` for `hour` has (stable: a report is made once per origin and hour). */
    public String reportId(String originHost, Instant hour) {
        return toAs.reportId(originHost, hour);
    }

    /** Queues our statement answering `reportId` to `mirror`'s inbox in the caller's transaction. */
    public void answer(Handle h, Actor us, Actor mirror, String reportId, Instant hour, List<Usage.Answer> answers) {
        outbox.send(h, us, toAs.statement(mirror.host(), mirror.url(), reportId, hour, answers), List.of(mirror.deliveryInbox()));
    }
}
