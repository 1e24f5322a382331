package tandem.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes the fixed-size copies of an uploaded picture that avatars and banners are served in: each size is
 * filled (scaled up or down, then the overflow cropped from the centre, as PeerTube's "cover"), in the input's
 * own format (an animated GIF stays animated), without the input's metadata (EXIF GPS positions, camera names).
 * One ffmpeg run makes every size.
 */
public final class ImageCropper {
    /** One target size. */
    public record Size(int width, int height) {}

    /**
     * Bigger pictures are refused before they are decoded: a few megabytes of PNG can claim a
     * gigapixel canvas, which ffmpeg would allocate.
     */
    static final long MAX_PIXELS = 40_000_000;
    private static final Duration TIMEOUT = Duration.ofMinutes(1);

    private final Path ffmpeg;
    private final ProcessRunner runner = new ProcessRunner();

    public ImageCropper(FfmpegBinaries binaries) {
        this(binaries.ffmpeg());
    }

    public ImageCropper(Path ffmpeg) {
        this.ffmpeg = ffmpeg;
    }

    /**
     * Writes `outputs.get(i)` at `sizes.get(i)`; on failure none of the outputs is left behind.
     * @throws MediaException when ffmpeg cannot read the picture (a broken or disguised file)
     */
    public void crop(Path input, ImageFormat format, List<Size> sizes, List<Path> outputs) throws MediaException, InterruptedException {
        try {
            runner.run(command(ffmpeg, input, format, sizes, outputs), TIMEOUT, "The image could not be read");
            for (Path out : outputs) {
                if (!Files.isRegularFile(out) || Files.size(out) == 0) throw new MediaException("The image could not be read");
            }
        } catch (IOException e) {
            for (Path out : outputs) deleteQuietly(out);
            throw new MediaException("The image could not be read", e.getMessage(), e);
        } catch (MediaException | InterruptedException | RuntimeException e) {
            for (Path out : outputs) deleteQuietly(out);
            throw e;
        }
    }

    /** The whole command line, for golden tests. */
    static List<String> command(Path ffmpeg, Path input, ImageFormat format, List<Size> sizes, List<Path> outputs) {
        if (sizes.isEmpty() || sizes.size() != outputs.size()) throw new IllegalArgumentException("one output per size");
        StringBuilder graph = new StringBuilder("[0:v]split=").append(sizes.size());
        for (int i = 0; i < sizes.size(); i++) graph.append("[s").append(i).append(']');
        for (int i = 0; i < sizes.size(); i++) {
            Size s = sizes.get(i);
            graph.append(";[s").append(i).append("]scale=").append(s.width()).append(':').append(s.height())
                    .append(":force_original_aspect_ratio=increase,crop=").append(s.width()).append(':').append(s.height())
                    .append(",setsar=1").append(pixelFormat(format)).append("[o").append(i).append(']');
        }
        List<String> cmd = new ArrayList<>(List.of(ffmpeg.toString(), "-hide_banner", "-nostdin", "-y", "-loglevel", "error",
                "-max_pixels", Long.toString(MAX_PIXELS), "-i", input.toAbsolutePath().toString(), "-filter_complex", graph.toString()));
        for (int i = 0; i < outputs.size(); i++) {
            cmd.addAll(List.of("-map", "[o" + i + "]", "-map_metadata", "-1"));
            cmd.addAll(switch (format) {
                case GIF -> List.of("-f", "gif");
                case JPEG -> List.of("-frames:v", "1", "-q:v", "3", "-update", "1", "-f", "image2");
                case PNG, WEBP -> List.of("-frames:v", "1", "-update", "1", "-f", "image2");
            });
            cmd.add(outputs.get(i).toAbsolutePath().toString());
        }
        return cmd;
    }

    /** 4:4:4 JPEG: PeerTube's banner is 317 pixels tall and 4:2:0 needs an even height. */
    private static String pixelFormat(ImageFormat format) {
        return format == ImageFormat.JPEG ? ",format=yuvj444p" : "";
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // Best effort: the caller is already handling the original failure.
        }
    }
}
