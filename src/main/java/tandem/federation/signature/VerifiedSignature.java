package tandem.federation.signature;

/** A request whose HTTP signature verified: the signing actor (keyId without its fragment) and the keyId as sent. */
public record VerifiedSignature(String actorUrl, String keyId) {}
