package tandem.federation.inbox;

import tandem.federation.vocab.CacheFile;

/**
 * Where the inbox hands the CacheFiles other instances send (PeerTube's redundancy): the mirror
 * package implements it, so federation reaches mirrors only through this interface, wired by `app`
 * (it lives with the inbox, its only caller, so that the inbox needs nothing from the package above it).
 * Each method throws {@code FederationException} to refuse the activity with its reason.
 */
public interface CacheFileSink {
    /** {@code actor} created or updated {@code cacheFile}; {@code forwarded} when an origin relayed it. */
    void onCreateOrUpdate(String actor, CacheFile cacheFile, boolean forwarded);

    /** {@code actor} undid the CacheFile of this id. */
    void onUndo(String actor, String cacheFileId);
}
