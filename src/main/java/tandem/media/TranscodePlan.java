package tandem.media;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The HLS ladder to produce for one source, highest resolution first.
 *
 * @param renditions the rungs; never empty
 * @param sourceFps  the frame rate fed to the encoder before any per-rung reduction; 0 when audio-only
 */
public record TranscodePlan(List<Rendition> renditions, int sourceFps) {
    /** PeerTube's standard resolutions (short side), highest first. */
    public static final List<Integer> STANDARD_RESOLUTIONS = List.of(1080, 720, 480, 360, 240);
    static final int MAX_FPS = 60;
    static final int LOW_RESOLUTION_MAX_FPS = 30;
    private static final int LOW_RESOLUTION_LIMIT = 720;
    private static final int DEFAULT_FPS = 30;
    private static final int FAST_FIRST_RESOLUTION = 360;

    public TranscodePlan {
        renditions = List.copyOf(renditions);
        if (renditions.isEmpty()) {
            throw new IllegalArgumentException("A plan needs at least one rendition");
        }
    }

    /** Plans the standard ladder for a probed source. */
    public static TranscodePlan of(MediaInfo info) {
        return of(info, STANDARD_RESOLUTIONS);
    }

    /**
     * Plans the ladder for a probed source from the resolutions an administrator chose: each one no taller than the
     * source, highest first; a source smaller than all of them keeps one rung of its own size.
     */
    public static TranscodePlan of(MediaInfo info, Collection<Integer> chosen) {
        if (!info.hasVideo()) {
            return new TranscodePlan(List.of(Rendition.audioOnly()), 0);
        }
        VideoStreamInfo video = info.video();
        int sourceFps = outputFps(video.fps());
        List<Rendition> rungs = new ArrayList<>();
        int shortSide = video.shortSide();
        for (int resolution : chosen.stream().distinct().sorted(java.util.Comparator.reverseOrder()).toList()) {
            if (resolution <= shortSide) {
                rungs.add(rendition(resolution, info, sourceFps));
            }
        }
        if (rungs.isEmpty()) {
            rungs.add(rendition(Math.max(2, shortSide & ~1), info, sourceFps));
        }
        return new TranscodePlan(rungs, sourceFps);
    }

    /**
     * The rendition a remux of a web-ready source makes: the source's own size and frame rate, which then stands
     * in for the ladder's rung of that resolution.
     */
    public static Rendition source(MediaInfo info) {
        VideoStreamInfo video = info.video();
        return new Rendition(video.shortSide(), video.displayWidth(), video.displayHeight(), outputFps(video.fps()),
                info.bitRate(), info.hasAudio());
    }

    /**
     * The one low rung to encode first when the source cannot be remuxed: 360p (cheap to encode, watchable),
     * or the lowest rung of a smaller source. The ladder then encodes the others.
     */
    public TranscodePlan fastFirst() {
        Rendition first = renditions.stream().filter(r -> r.resolution() == FAST_FIRST_RESOLUTION).findFirst()
                .orElse(renditions.getLast());
        return new TranscodePlan(List.of(first), sourceFps);
    }

    /** This plan less the rungs of the given resolutions (already published); empty when nothing is left. */
    public Optional<TranscodePlan> without(Collection<Integer> resolutions) {
        List<Rendition> left = renditions.stream().filter(r -> !resolutions.contains(r.resolution())).toList();
        return left.isEmpty() ? Optional.empty() : Optional.of(new TranscodePlan(left, sourceFps));
    }

    /**
     * Whether a remux of the source, at its own size, may stand in for the top rung: only when the source is no
     * taller than the tallest resolution chosen, so a remux never passes the administrator's ceiling.
     */
    public static boolean sourceFits(int sourceResolution, Collection<Integer> chosen) {
        return chosen.stream().anyMatch(r -> r >= sourceResolution);
    }

    /** Returns true when the only rendition is audio. */
    public boolean audioOnly() {
        return !renditions.getFirst().hasVideo();
    }

    /** Returns true when renditions carry audio. */
    public boolean hasAudio() {
        return renditions.getFirst().audio();
    }

    static Rendition rendition(int resolution, MediaInfo info, int sourceFps) {
        VideoStreamInfo video = info.video();
        int longSide = scaleEven(Math.max(video.displayWidth(), video.displayHeight()), resolution, video.shortSide());
        int width = video.portrait() ? resolution : longSide;
        int height = video.portrait() ? longSide : resolution;
        int fps = rungFps(sourceFps, resolution);
        long bitrate = Bitrates.target(width, height, fps, resolution, info.bitRate());
        return new Rendition(resolution, width, height, fps, bitrate, info.hasAudio());
    }

    /** Same rounding as ffmpeg's {@code scale=-2:N}: nearest multiple of two. */
    static int scaleEven(int longSide, int resolution, int shortSide) {
        long scaled = Math.round((double) longSide * resolution / shortSide / 2d) * 2;
        return (int) Math.max(2, scaled);
    }

    static int outputFps(double sourceFps) {
        if (sourceFps <= 0 || !Double.isFinite(sourceFps)) {
            return DEFAULT_FPS;
        }
        return (int) Math.max(1, Math.min(MAX_FPS, Math.round(sourceFps)));
    }

    /** Below 720p high frame rates cost bits without visible benefit; keep an even divisor so motion stays smooth. */
    static int rungFps(int sourceFps, int resolution) {
        if (resolution >= LOW_RESOLUTION_LIMIT || sourceFps <= LOW_RESOLUTION_MAX_FPS) {
            return sourceFps;
        }
        for (int candidate : List.of(30, 25, 24)) {
            if (sourceFps % candidate == 0) {
                return candidate;
            }
        }
        return LOW_RESOLUTION_MAX_FPS;
    }
}
