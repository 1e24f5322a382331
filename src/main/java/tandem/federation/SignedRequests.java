package tandem.federation;

import tandem.federation.actor.Actor;
import tandem.federation.actor.Blocklist;
import tandem.federation.actor.RemoteActors;
import tandem.federation.signature.HttpSignatures;
import tandem.federation.signature.SignatureException;

import java.time.Clock;
import java.util.function.Function;

/**
 * Who signed a GET: the HTTP signature verified as the inbox verifies POSTs (cached key, one
 * refetch on failure, the clock skew PeerTube allows), for endpoints answered only to some
 * instances (the pool's origin pressure).
 */
public final class SignedRequests {
    private final HttpSignatures signatures;
    private final RemoteActors actors;
    private final Blocklist blocks;
    private final Clock clock;

    public SignedRequests(HttpSignatures signatures, RemoteActors actors, Blocklist blocks, Clock clock) {
        this.signatures = signatures;
        this.actors = actors;
        this.blocks = blocks;
        this.clock = clock;
    }

    /** A request that is not signed by a remote actor we may talk to, with the reason. */
    public static final class Unsigned extends RuntimeException {
        public Unsigned(String reason) {
            super(reason, null, false, false);
        }
    }

    /**
     * The remote actor that signed this GET.
     *
     * @throws Unsigned when the signature is missing, stale, does not verify, or its actor is blocked or local
     */
    public Actor signer(String pathAndQuery, Function<String, String> header) {
        String url;
        try {
            url = signatures.verify("GET", pathAndQuery, header, null, actors, clock.instant()).actorUrl();
        } catch (SignatureException e) {
            throw new Unsigned(e.getMessage());
        } catch (RuntimeException e) {
            throw new Unsigned("the signing actor could not be read: " + e.getMessage());
        }
        Actor a = actors.resolve(url);
        if (a.local()) throw new Unsigned("signed by one of our own actors");
        if (blocks.isServerBlocked(a.host())) throw new Unsigned("the host " + a.host() + " is blocked");
        return a;
    }

    /** The actor read again from its host now (its instance actor's pledge with it). */
    public Actor refresh(Actor a) {
        return actors.resolve(a.url(), true);
    }
}
