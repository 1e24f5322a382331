package tandem.net;

/**
 * Maps a media request to the stored blob it may read, applying the video's privacy: the one rule
 * both media listeners share. Throws {@code tandem.core.Problem} (404, 401, 403…) when it may not.
 */
public interface MediaResolver {
    /**
     * The blob to send, whether it never changes (cacheable for a year), whether only some may read it
     * (a private video's: no shared cache may keep it), and the file name of a download.
     */
    record Resolved(String key, boolean immutable, boolean restricted, String downloadName) {
        /** What caches may do with it: a private video's files only in the viewer's own browser. */
        public String cacheControl() {
            if (restricted) return immutable ? "private, max-age=31536000, immutable" : "private, max-age=0, must-revalidate";
            return immutable ? "public, max-age=31536000, immutable" : "public, max-age=0, must-revalidate";
        }
    }

    Resolved resolve(String path, String authorization, String fileToken);
}
