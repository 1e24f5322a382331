package tandem.mirror;

import tandem.core.Problem;
import tandem.federation.Following;

import java.time.Clock;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;

/**
 * Per followed instance, whether we may mirror its videos (PeerTube's `redundancyAllowed`, off
 * until the admin turns it on): strategies only pick videos of allowed instances.
 */
public final class MirrorHosts {
    private final MirrorHostStore store;
    private final Following following;
    private final Clock clock;

    public MirrorHosts(MirrorHostStore store, Following following, Clock clock) {
        this.store = store;
        this.following = following;
        this.clock = clock;
    }

    /** Allows or forbids mirroring a followed instance's videos; 404 for an instance we do not follow. */
    public void allow(String host, boolean allowed) {
        String h = host.trim().toLowerCase(Locale.ROOT);
        if (!following.followsInstance(h)) throw Problem.notFound("This instance does not follow " + host);
        store.put(h, allowed, clock.millis());
    }

    /** Of these hosts, the ones whose videos we may mirror. */
    public Set<String> allowed(Collection<String> hosts) {
        return store.allowed(hosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList());
    }
}
