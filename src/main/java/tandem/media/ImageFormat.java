package tandem.media;

import java.util.Arrays;
import java.util.Optional;

/**
 * The still-image formats accepted for avatars and banners (PeerTube's list: PNG, JPEG, GIF, WebP), told
 * by their first bytes: a declared content type or file name is never trusted.
 */
public enum ImageFormat {
    PNG("png", "image/png"),
    JPEG("jpg", "image/jpeg"),
    GIF("gif", "image/gif"),
    WEBP("webp", "image/webp");

    /** How many leading bytes {@link #sniff} needs. */
    public static final int HEAD_BYTES = 12;

    /** The file extension we store this format under (without a dot). */
    public final String extension;
    /** The MIME type, as served and as ActivityPub's `mediaType`. */
    public final String mediaType;

    ImageFormat(String extension, String mediaType) {
        this.extension = extension;
        this.mediaType = mediaType;
    }

    /** The format whose signature starts these bytes, if any. */
    public static Optional<ImageFormat> sniff(byte[] head) {
        byte[] h = Arrays.copyOf(head, Math.max(head.length, HEAD_BYTES));
        if ((h[0] & 0xff) == 0x89 && h[1] == 'P' && h[2] == 'N' && h[3] == 'G') return Optional.of(PNG);
        if ((h[0] & 0xff) == 0xff && (h[1] & 0xff) == 0xd8 && (h[2] & 0xff) == 0xff) return Optional.of(JPEG);
        if (h[0] == 'G' && h[1] == 'I' && h[2] == 'F' && h[3] == '8') return Optional.of(GIF);
        if (h[0] == 'R' && h[1] == 'I' && h[2] == 'F' && h[3] == 'F' && h[8] == 'W' && h[9] == 'E' && h[10] == 'B' && h[11] == 'P') {
            return Optional.of(WEBP);
        }
        return Optional.empty();
    }

    /** The format stored under this extension (as our file names carry it), if any. */
    public static Optional<ImageFormat> byExtension(String extension) {
        for (ImageFormat f : values()) if (f.extension.equalsIgnoreCase(extension)) return Optional.of(f);
        return Optional.empty();
    }
}
