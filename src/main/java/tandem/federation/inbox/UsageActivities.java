package tandem.federation.inbox;

import tandem.federation.actor.Actor;
import tandem.federation.actor.RemoteActors;
import tandem.federation.vocab.Activity;
import tandem.federation.vocab.FederationException;

import java.util.Set;

/**
 * Tandem's usage reports and statements: only an instance actor speaks for its host's bandwidth, so
 * a report or statement from any other actor (a Person, a channel) is refused; the door already made
 * sure the signer is the actor. The ledger judges the rest through {@link UsageSink}.
 */
public final class UsageActivities {
    /** PeerTube's and Mastodon's instance actors are Applications; some servers use Service. */
    private static final Set<String> INSTANCE_TYPES = Set.of("Application", "Service");

    private final RemoteActors actors;
    private final UsageSink sink;

    public UsageActivities(RemoteActors actors, UsageSink sink) {
        this.actors = actors;
        this.sink = sink;
    }

    public void onReport(Activity.UsageReport r) {
        sink.onReport(instanceActor(r.actor(), "UsageReport"), r);
    }

    public void onStatement(Activity.UsageStatement s) {
        sink.onStatement(instanceActor(s.actor(), "UsageStatement"), s);
    }

    private Actor instanceActor(String url, String type) {
        Actor a = actors.resolve(url);
        if (!INSTANCE_TYPES.contains(a.type())) {
            throw new FederationException(type + " refused: " + url + " is a " + a.type() + ", not an instance actor (Application or Service)");
        }
        return a;
    }
}
