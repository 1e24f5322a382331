package tandem.media;

import java.util.Map;

/** PeerTube's target video bitrate formula: bits-per-pixel tables bounded by the source bitrate. */
public final class Bitrates {
    private static final Map<Integer, Double> AVERAGE_BITS_PER_PIXEL = Map.of(
            240, 0.17, 360, 0.15, 480, 0.12, 720, 0.11, 1080, 0.10);
    private static final double MIN_BITS_PER_PIXEL = 0.02;
    private static final double SOURCE_HEADROOM = 1.3;

    private Bitrates() {
    }

    /**
     * Returns max(min, min(average, 1.3 × source)) in bits per second.
     *
     * @param sourceBitrate the source's bits per second, or 0 when unknown (then it does not cap the target)
     */
    public static long target(int width, int height, int fps, int resolution, long sourceBitrate) {
        double pixelsPerSecond = (double) width * height * fps;
        double average = pixelsPerSecond * averageBitsPerPixel(resolution);
        double min = pixelsPerSecond * MIN_BITS_PER_PIXEL;
        double capped = sourceBitrate > 0 ? Math.min(average, SOURCE_HEADROOM * sourceBitrate) : average;
        return Math.round(Math.max(min, capped));
    }

    /** Returns the table value for the nearest standard resolution at or above this one (240 for tiny videos). */
    static double averageBitsPerPixel(int resolution) {
        for (int standard : new int[] {240, 360, 480, 720, 1080}) {
            if (resolution <= standard) {
                return AVERAGE_BITS_PER_PIXEL.get(standard);
            }
        }
        return AVERAGE_BITS_PER_PIXEL.get(1080);
    }
}
