package tandem.mirror;

/**
 * What a mirror copies: a remote video's HLS master playlist, segment hashes and stills
 * (thumbnail, preview; null when it has none) at its origin, and the origin's host
 * (`redundancyAllowed` is per host). {@code local} is true for our own videos, which are never mirrored.
 */
public record MirrorSource(long videoId, String uuid, String name, String url, String playlistUrl, String sha256Url, String host,
                           boolean local, String thumbnailUrl, String previewUrl) {}
