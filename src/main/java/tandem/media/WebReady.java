package tandem.media;

import java.util.Locale;
import java.util.Optional;

/**
 * Decides whether an upload's video can be served as it is, remuxed into HLS without re-encoding: what
 * PeerTube calls a quick transcode. Browsers must decode it (H.264, 8-bit 4:2:0, no rotation to apply), it must
 * fit the ladder (at most 1080p, at most 60 fps) and its bitrate must be one a viewer can stream.
 */
public final class WebReady {
    /** PeerTube's maximum bits per pixel at 240, 360, 480, 720 and 1080p (`bitrate.ts`), above which it re-encodes. */
    private static final int[] RESOLUTIONS = {240, 360, 480, 720, 1080};
    private static final double[] MAX_BITS_PER_PIXEL = {0.29, 0.26, 0.22, 0.19, 0.17};
    private static final long AUDIO_ALLOWANCE = 384_000;
    private static final int MAX_RESOLUTION = 1080;

    private WebReady() {
    }

    /** Returns why the source must be encoded, or empty when its video stream can be copied. */
    public static Optional<String> whyNot(MediaInfo info) {
        if (!info.hasVideo()) {
            return Optional.of("no video");
        }
        VideoStreamInfo v = info.video();
        if (!"h264".equals(v.codec().toLowerCase(Locale.ROOT))) {
            return Optional.of("codec " + v.codec());
        }
        if (!"yuv420p".equals(v.pixelFormat()) || v.bitDepth() != 8) {
            return Optional.of("pixel format " + v.pixelFormat() + " (" + v.bitDepth() + "-bit)");
        }
        if (v.rotation() != 0) {
            return Optional.of("rotated " + v.rotation() + "°");
        }
        if (v.shortSide() > MAX_RESOLUTION || Math.max(v.displayWidth(), v.displayHeight()) > 1920) {
            return Optional.of("larger than 1080p");
        }
        if (v.fps() <= 0 || v.fps() > TranscodePlan.MAX_FPS + 0.5) {
            return Optional.of("frame rate " + v.fps());
        }
        double bitsPerPixel = MAX_BITS_PER_PIXEL[MAX_BITS_PER_PIXEL.length - 1];
        for (int i = RESOLUTIONS.length - 1; i >= 0 && v.shortSide() <= RESOLUTIONS[i]; i--) {
            bitsPerPixel = MAX_BITS_PER_PIXEL[i];
        }
        long max = Math.round((double) v.displayWidth() * v.displayHeight() * v.fps() * bitsPerPixel) + AUDIO_ALLOWANCE;
        if (info.bitRate() > max) {
            return Optional.of("bitrate " + info.bitRate() / 1000 + " kb/s above " + max / 1000 + " kb/s");
        }
        return Optional.empty();
    }

    /** Returns true when the audio can be copied too: AAC in at most two channels, as every rung carries. */
    public static boolean audioCopyable(MediaInfo info) {
        return info.hasAudio() && "aac".equals(info.audio().codec()) && info.audio().channels() <= 2;
    }
}
