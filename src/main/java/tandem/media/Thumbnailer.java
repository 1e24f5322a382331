package tandem.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Grabs a representative frame as PeerTube's thumbnail and preview JPEGs (or draws a plain one for audio). */
public final class Thumbnailer {
    public static final int THUMBNAIL_WIDTH = 560;
    public static final int THUMBNAIL_HEIGHT = 315;
    public static final int PREVIEW_WIDTH = 850;
    public static final int PREVIEW_HEIGHT = 480;
    /** Background of the generated image for audio-only uploads and of the preview's letterbox. */
    static final String BACKGROUND = "0x202830";
    /** Below this the first third of the clip may be a fade-in or nothing at all; take the first frame. */
    private static final double SHORT_CLIP_SECONDS = 3;
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private final Path ffmpeg;
    private final ProcessRunner runner = new ProcessRunner();

    /** Creates a thumbnailer using the bundled ffmpeg. */
    public Thumbnailer(FfmpegBinaries binaries) {
        this(binaries.ffmpeg());
    }

    /** Creates a thumbnailer using the given ffmpeg executable. */
    public Thumbnailer(Path ffmpeg) {
        this.ffmpeg = ffmpeg;
    }

    /**
     * Writes both JPEGs; the thumbnail is cropped to fill (lists look uniform), the preview keeps the whole frame
     * and letterboxes it (nothing important is cut off in portrait videos).
     */
    public Thumbnails generate(Path input, MediaInfo info, Path thumbnail, Path preview)
            throws MediaException, InterruptedException {
        try {
            if (!info.hasVideo()) {
                run(List.of("-f", "lavfi", "-i", "color=c=" + BACKGROUND + ":s=" + PREVIEW_WIDTH + "x"
                        + PREVIEW_HEIGHT + ":d=1"), thumbnail, preview);
            } else {
                double at = info.durationSeconds() < SHORT_CLIP_SECONDS ? 0 : info.durationSeconds() / 3;
                run(input(input, at), thumbnail, preview);
                if (!nonEmpty(thumbnail) || !nonEmpty(preview)) {
                    // Seeking past the last decodable frame yields no picture (e.g. broken tails); the start works.
                    run(input(input, 0), thumbnail, preview);
                }
            }
            if (!nonEmpty(thumbnail) || !nonEmpty(preview)) {
                throw new MediaException("No picture could be extracted from the video");
            }
            return new Thumbnails(thumbnail, preview);
        } catch (MediaException | InterruptedException | RuntimeException e) {
            deleteQuietly(thumbnail);
            deleteQuietly(preview);
            throw e;
        }
    }

    /**
     * Both JPEGs from the frame at `seconds` of a video the user chose (the edit page's "choose a frame").
     * Bounded like every ffmpeg run here; a time past the last decodable frame yields no picture and fails.
     */
    public Thumbnails frame(Path input, double seconds, Path thumbnail, Path preview) throws MediaException, InterruptedException {
        return produce(input(input, Math.max(0, seconds)), thumbnail, preview, "No picture could be extracted at this time of the video");
    }

    /** Both JPEGs from an uploaded image (JPEG, PNG or WebP), cropped and letterboxed as a frame would be. */
    public Thumbnails image(Path image, Path thumbnail, Path preview) throws MediaException, InterruptedException {
        return produce(List.of("-i", image.toAbsolutePath().toString()), thumbnail, preview, "The image could not be read");
    }

    private Thumbnails produce(List<String> inputArgs, Path thumbnail, Path preview, String failure)
            throws MediaException, InterruptedException {
        try {
            run(inputArgs, thumbnail, preview);
            if (!nonEmpty(thumbnail) || !nonEmpty(preview)) throw new MediaException(failure);
            return new Thumbnails(thumbnail, preview);
        } catch (MediaException | InterruptedException | RuntimeException e) {
            deleteQuietly(thumbnail);
            deleteQuietly(preview);
            throw e;
        }
    }

    private static List<String> input(Path input, double seconds) {
        return List.of("-ss", String.format(Locale.ROOT, "%.3f", seconds), "-i", input.toAbsolutePath().toString());
    }

    /** 4:2:2 because 4:2:0 JPEG needs an even height and PeerTube's thumbnail is 315 pixels tall. */
    private void run(List<String> inputArgs, Path thumbnail, Path preview)
            throws MediaException, InterruptedException {
        String graph = "[0:v]format=yuvj422p,split=2[a][b];"
                + "[a]scale=" + THUMBNAIL_WIDTH + ":" + THUMBNAIL_HEIGHT + ":force_original_aspect_ratio=increase,"
                + "crop=" + THUMBNAIL_WIDTH + ":" + THUMBNAIL_HEIGHT + ",setsar=1[t];"
                + "[b]scale=" + PREVIEW_WIDTH + ":" + PREVIEW_HEIGHT + ":force_original_aspect_ratio=decrease,"
                + "pad=" + PREVIEW_WIDTH + ":" + PREVIEW_HEIGHT + ":(ow-iw)/2:(oh-ih)/2:color=" + BACKGROUND
                + ",setsar=1[p]";
        List<String> cmd = new ArrayList<>(List.of(ffmpeg.toString(), "-hide_banner", "-nostdin", "-y",
                "-loglevel", "error"));
        cmd.addAll(inputArgs);
        cmd.addAll(List.of("-filter_complex", graph,
                "-map", "[t]", "-frames:v", "1", "-q:v", "3", "-update", "1", thumbnail.toAbsolutePath().toString(),
                "-map", "[p]", "-frames:v", "1", "-q:v", "3", "-update", "1", preview.toAbsolutePath().toString()));
        runner.run(cmd, TIMEOUT, "No picture could be extracted from the video");
    }

    private static boolean nonEmpty(Path file) {
        try {
            return Files.isRegularFile(file) && Files.size(file) > 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // Best effort: the caller is already handling the original failure.
        }
    }
}
