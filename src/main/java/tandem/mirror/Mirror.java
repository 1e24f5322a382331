package tandem.mirror;

/**
 * Our copy of another instance's video (a `mirrors` row) with the video's UUID, which names its
 * folder. {@code strategy} is `manual` or a {@link MirrorPolicy.Kind} id; {@code expiresAt} null
 * for a manual mirror.
 */
public record Mirror(long id, long videoId, String videoUuid, String strategy, String state, long sizeBytes, Long expiresAt,
                     String error, long createdAt, long updatedAt) {
    public static final String MANUAL = "manual";
    /** Queued or being copied: nothing is served yet. */
    public static final String COPYING = "copying";
    /** Copied and verified: served and announced. */
    public static final String READY = "ready";
    /** The copy could not be made or did not match the origin's hashes: nothing is served. */
    public static final String FAILED = "failed";

    public boolean ready() {
        return READY.equals(state);
    }
}
