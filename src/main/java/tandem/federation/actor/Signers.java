package tandem.federation.actor;

import java.security.PrivateKey;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tandem.federation.signature.RsaKeys;
import tandem.federation.signature.Signer;

/** Parsed private keys of our actors, kept once parsed: a fan-out signs a thousand times with one key. */
public final class Signers {
    private final Map<String, PrivateKey> keys = new ConcurrentHashMap<>();

    public Signer of(Actor actor) {
        if (actor.privateKeyPem() == null) throw new IllegalArgumentException("actor " + actor.url() + " is not ours: no private key");
        return new Signer(actor.url() + "#main-key", keys.computeIfAbsent(actor.url(), u -> RsaKeys.privateKey(actor.privateKeyPem())));
    }
}
