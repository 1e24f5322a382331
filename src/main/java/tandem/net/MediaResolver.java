package tandem.net;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.function.LongConsumer;

/**
 * Maps a media request to the stored blob it may read, applying the video's privacy: the one rule
 * both media listeners share. Throws {@code tandem.core.Problem} (404, 401, 403…) when it may not.
 */
public interface MediaResolver {
    /**
     * The blob to send, whether it never changes (cacheable for a year), whether only some may read it
     * (a private video's: no shared cache may keep it), the file name of a download, and who is told
     * how many body bytes went out (a mirror counts what it serves for an origin), null for nobody.
     */
    record Resolved(String key, boolean immutable, boolean restricted, String downloadName, LongConsumer onSent) {
        public Resolved(String key, boolean immutable, boolean restricted, String downloadName) {
            this(key, immutable, restricted, downloadName, null);
        }

        /** Reports {@code bytes} of body sent, to whoever counts them. */
        public void sent(long bytes) {
            if (onSent != null && bytes > 0) onSent.accept(bytes);
        }

        /** What caches may do with it: a private video's files only in the viewer's own browser. */
        public String cacheControl() {
            if (restricted) return immutable ? "private, max-age=31536000, immutable" : "private, max-age=0, must-revalidate";
            return immutable ? "public, max-age=31536000, immutable" : "public, max-age=0, must-revalidate";
        }

        /**
         * The Content-Disposition of a download, null otherwise: the name as it is in RFC 6266's
         * `filename*` (UTF-8) and an ASCII copy in `filename` for clients that read only that one.
         */
        public String contentDisposition() {
            if (downloadName == null) return null;
            String name = downloadName.replaceAll("[\\p{Cntrl}/\\\\\"]", "_");
            String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A");
            return "attachment; filename=\"" + name.replaceAll("[^\\x20-\\x7e]", "_") + "\"; filename*=UTF-8''" + encoded;
        }
    }

    Resolved resolve(String path, String authorization, String fileToken);
}
