package tandem.media;

import java.nio.file.Path;

/**
 * The two still images every video gets.
 *
 * @param thumbnail small JPEG for lists, {@value Thumbnailer#THUMBNAIL_WIDTH}x{@value Thumbnailer#THUMBNAIL_HEIGHT}
 * @param preview   larger JPEG shown before playback, {@value Thumbnailer#PREVIEW_WIDTH}x{@value
 *                  Thumbnailer#PREVIEW_HEIGHT}
 */
public record Thumbnails(Path thumbnail, Path preview) {
}
