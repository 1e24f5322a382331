package tandem.media;

/**
 * One rung of the HLS ladder.
 *
 * @param resolution   the short side in pixels (e.g. 720), or 0 for the audio-only rendition
 * @param width        output width, even; 0 when audio-only
 * @param height       output height, even; 0 when audio-only
 * @param fps          output frame rate; 0 when audio-only
 * @param videoBitrate target (maximum) video bits per second; 0 when audio-only
 * @param audio        whether the rendition carries the audio track
 */
public record Rendition(int resolution, int width, int height, int fps, long videoBitrate, boolean audio) {

    /** Returns the audio-only rendition. */
    public static Rendition audioOnly() {
        return new Rendition(0, 0, 0, 0, 0, true);
    }

    /** Returns true when the rendition has a video track. */
    public boolean hasVideo() {
        return resolution > 0;
    }

    /** Returns the name used in file names, e.g. {@code 720} in {@code KEY-720.m3u8}. */
    public String name() {
        return Integer.toString(resolution);
    }
}
