package tandem.media;

/**
 * The first usable video stream of a file.
 *
 * @param codec         ffprobe codec name, e.g. {@code h264}
 * @param codedWidth    stored frame width, before rotation
 * @param codedHeight   stored frame height, before rotation
 * @param rotation      clockwise rotation a player must apply: 0, 90, 180 or 270
 * @param displayWidth  width as shown, after rotation
 * @param displayHeight height as shown, after rotation
 * @param fps           average frame rate, 0 when unknown
 * @param pixelFormat   ffprobe pixel format, e.g. {@code yuv420p10le}; empty when unknown
 * @param bitDepth      bits per sample component (8, 10, 12...)
 */
public record VideoStreamInfo(String codec, int codedWidth, int codedHeight, int rotation,
                              int displayWidth, int displayHeight, double fps, String pixelFormat, int bitDepth) {

    /** Returns the shorter display side, which is what a "resolution" such as 720p names. */
    public int shortSide() {
        return Math.min(displayWidth, displayHeight);
    }

    /** Returns true when the video is taller than wide as displayed. */
    public boolean portrait() {
        return displayHeight > displayWidth;
    }
}
