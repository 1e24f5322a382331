package tandem.federation.signature;

import java.security.PublicKey;

/** Finds an actor's public key: from a cache when {@code refresh} is false, from the actor's server when true. */
@FunctionalInterface
public interface KeyLookup {
    PublicKey lookup(String actorUrl, boolean refresh) throws Exception;
}
