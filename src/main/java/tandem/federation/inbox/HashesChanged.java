package tandem.federation.inbox;

/**
 * Told when our copy of a remote video's segments-sha256.json changed (the origin added or
 * re-made renditions): a mirror of that video must copy what it lacks. Implemented by the mirror
 * package, wired by `app`.
 */
@FunctionalInterface
public interface HashesChanged {
    void hashesChanged(long videoId);
}
