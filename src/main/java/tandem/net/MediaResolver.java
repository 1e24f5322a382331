package tandem.net;

/**
 * Maps a media request to the stored blob it may read, applying the video's privacy: the one rule
 * both media listeners share. Throws {@code tandem.core.Problem} (404, 401, 403…) when it may not.
 */
public interface MediaResolver {
    /** The blob to send, whether it never changes (cacheable for a year), and the file name of a download. */
    record Resolved(String key, boolean immutable, String downloadName) {}

    Resolved resolve(String path, String authorization, String fileToken);
}
