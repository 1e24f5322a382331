package tandem.federation;

import java.time.Instant;

/**
 * Tells a mirrored video's origin (and through it, its followers) that our instance carries the
 * video's HLS files: PeerTube's `Create`, `Update` and `Undo(Create)` of a `CacheFile`, sent by the
 * instance actor. The mirror package calls it; the federation package implements it.
 */
public interface CacheFileAnnouncer {
    /** We now serve the video's files; {@code expires} is null for a manual mirror. */
    void created(long videoId, Instant expires);

    /** Our mirror was extended until {@code expires}. */
    void extended(long videoId, Instant expires);

    /** We no longer carry the video. */
    void withdrawn(long videoId);
}
