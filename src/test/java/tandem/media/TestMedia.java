package tandem.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Synthetic media fixtures, generated with the bundled ffmpeg once per JVM into a temporary directory.
 *
 * <p>Every method returns the path of a ready file; callers must not modify it (copy it first if needed). Clips are
 * tiny (≈3 s, 320x240) so suites using them stay fast on a 2-core machine. Reused by integration tests.
 */
public final class TestMedia {
    /** Duration of the small clips, in seconds. */
    public static final int CLIP_SECONDS = 3;
    private static final Duration GENERATION_TIMEOUT = Duration.ofMinutes(10);
    private static final String SMALL_VIDEO = "testsrc2=size=320x240:rate=25";
    private static final String TONE = "sine=frequency=440:sample_rate=48000";

    private TestMedia() {
    }

    /** Holds the lazily created, JVM-wide constants; initialised on first use only. */
    private static final class Shared {
        static final FfmpegBinaries BINARIES = new FfmpegBinaries(javacppCacheDir());
        static final Path DIR = createDir();

        private static Path createDir() {
            try {
                Path dir = Files.createTempDirectory("tandem-test-media-");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteRecursively(dir)));
                return dir;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * Returns the bundled binaries, extracted to {@code $TMPDIR/tandem-javacpp} (override with the system property
     * {@code tandem.javacpp.cachedir}) so repeated test runs do not re-extract 86 MB.
     */
    public static FfmpegBinaries binaries() {
        return Shared.BINARIES;
    }

    /** Returns the directory the fixtures live in. */
    public static Path directory() {
        return Shared.DIR;
    }

    /** 3 s, 320x240 at 25 fps H.264 + AAC sine tone, MP4. */
    public static Path clipWithAudio() {
        return generate("clip-with-audio.mp4", "-f", "lavfi", "-i", SMALL_VIDEO, "-f", "lavfi", "-i", TONE,
                "-t", secs(), "-pix_fmt", "yuv420p", "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac");
    }

    /** 40 s, 320x240 H.264 + AAC, a keyframe every 2 s: ten 4 s segments, long enough for viewers to share some over P2P. */
    public static Path longClip() {
        return generate("long-clip.mp4", "-f", "lavfi", "-i", SMALL_VIDEO, "-f", "lavfi", "-i", TONE,
                "-t", "40", "-pix_fmt", "yuv420p", "-c:v", "libx264", "-preset", "ultrafast", "-g", "50", "-c:a", "aac");
    }

    /** 3 s, 320x240 H.264 without any audio stream. */
    public static Path clipWithoutAudio() {
        return generate("clip-no-audio.mp4", "-f", "lavfi", "-i", SMALL_VIDEO, "-t", secs(),
                "-pix_fmt", "yuv420p", "-c:v", "libx264", "-preset", "ultrafast");
    }

    /** 3 s AAC tone in an M4A container: an audio-only upload. */
    public static Path audioOnly() {
        return generate("audio-only.m4a", "-f", "lavfi", "-i", TONE, "-t", secs(), "-c:a", "aac");
    }

    /** A phone recording: coded 320x240 with a 90° display-matrix rotation, so it displays as 240x320 portrait. */
    public static Path rotatedPhoneClip() {
        Path landscape = clipWithAudio();
        return generate("rotated-phone.mp4", "-display_rotation", "90", "-i", landscape.toString(), "-c", "copy");
    }

    /** Variable frame rate: irregular gaps between frames (6 of every 10 frames kept, original timestamps). */
    public static Path vfrClip() {
        return generate("vfr.mp4", "-f", "lavfi", "-i", SMALL_VIDEO, "-f", "lavfi", "-i", TONE, "-t", secs(),
                "-vf", "select='lt(mod(n\\,10)\\,6)'", "-fps_mode", "passthrough",
                "-pix_fmt", "yuv420p", "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac");
    }

    /** 10-bit 4:2:0 H.264 (High 10), which browsers cannot play and must be converted to 8-bit. */
    public static Path tenBitClip() {
        return generate("ten-bit.mp4", "-f", "lavfi", "-i", SMALL_VIDEO, "-f", "lavfi", "-i", TONE, "-t", secs(),
                "-pix_fmt", "yuv420p10le", "-c:v", "libx264", "-profile:v", "high10", "-preset", "ultrafast",
                "-c:a", "aac");
    }

    /** VP9 + Opus in WebM. */
    public static Path vp9Webm() {
        return generate("vp9.webm", "-f", "lavfi", "-i", SMALL_VIDEO, "-f", "lavfi", "-i", TONE, "-t", secs(),
                "-pix_fmt", "yuv420p", "-c:v", "libvpx-vp9", "-deadline", "realtime", "-cpu-used", "8",
                "-b:v", "300k", "-c:a", "libopus");
    }

    /** A text file named {@code .mp4}. */
    public static Path textFileNamedMp4() {
        return write("not-a-video.mp4", "This is a shopping list, not a video.\nmilk\neggs\n"
                .getBytes(StandardCharsets.UTF_8));
    }

    /** A zero-byte {@code .mp4}. */
    public static Path emptyFile() {
        return write("empty.mp4", new byte[0]);
    }

    /** The first third of a non-faststart MP4: the moov atom (at the end) is missing, as in an aborted upload. */
    public static Path truncatedMp4() {
        return derive("truncated.mp4", () -> {
            byte[] whole = Files.readAllBytes(clipWithAudio());
            return Arrays.copyOf(whole, whole.length / 3);
        });
    }

    /** A YUV4MPEG2 stream whose header claims 100000x100000 pixels, named {@code .mp4}. */
    public static Path absurdDimensions() {
        byte[] header = "YUV4MPEG2 W100000 H100000 F25:1 Ip A1:1 C420jpeg\nFRAME\n".getBytes(StandardCharsets.US_ASCII);
        byte[] bytes = Arrays.copyOf(header, header.length + 64);
        return write("absurd-dimensions.mp4", bytes);
    }

    /** A PNG image renamed to {@code .mp4}. */
    public static Path pngNamedMp4() {
        Path png = generate("image.png", "-f", "lavfi", "-i", SMALL_VIDEO, "-frames:v", "1", "-update", "1");
        return derive("image-renamed.mp4", () -> Files.readAllBytes(png));
    }

    /** A still PNG picture of the given size, as a user's avatar or banner upload (cached per size). */
    public static Path png(int width, int height) {
        return generate("picture-" + width + "x" + height + ".png", "-f", "lavfi", "-i", "testsrc2=size=" + width + "x" + height,
                "-frames:v", "1", "-update", "1");
    }

    /** A 1920x1080 30 fps H.264 + AAC clip of the given length, for benchmarks (cached per duration). */
    public static Path clip1080p(int seconds) {
        return generate("clip-1080p-" + seconds + "s.mp4", "-f", "lavfi", "-i", "testsrc2=size=1920x1080:rate=30",
                "-f", "lavfi", "-i", TONE, "-t", Integer.toString(seconds), "-pix_fmt", "yuv420p",
                "-c:v", "libx264", "-preset", "veryfast", "-crf", "23", "-c:a", "aac", "-b:a", "128k");
    }

    /**
     * A web-ready upload: H.264 yuv420p + AAC with a keyframe every 2 s, of the given size and length (25 fps), as
     * phones and editors export them; cached per size and length.
     */
    public static Path webReadyClip(int width, int height, int seconds) {
        return generate("web-ready-" + width + "x" + height + "-" + seconds + "s.mp4", "-f", "lavfi", "-i",
                "testsrc2=size=" + width + "x" + height + ":rate=25", "-f", "lavfi", "-i", TONE,
                "-t", Integer.toString(seconds), "-pix_fmt", "yuv420p", "-c:v", "libx264", "-preset", "veryfast",
                "-g", "50", "-c:a", "aac");
    }

    /** Like {@link #webReadyClip} but 10-bit (High 10), which browsers cannot decode: it must be encoded. */
    public static Path tenBitClip(int width, int height, int fps, int seconds) {
        return generate("ten-bit-" + width + "x" + height + "-" + fps + "-" + seconds + "s.mp4", "-f", "lavfi", "-i",
                "testsrc2=size=" + width + "x" + height + ":rate=" + fps, "-f", "lavfi", "-i", TONE,
                "-t", Integer.toString(seconds), "-pix_fmt", "yuv420p10le", "-c:v", "libx264", "-profile:v", "high10",
                "-preset", "veryfast", "-crf", "23", "-c:a", "aac", "-b:a", "128k");
    }

    private static String secs() {
        return Integer.toString(CLIP_SECONDS);
    }

    private interface BytesSupplier {
        byte[] get() throws IOException;
    }

    private static synchronized Path derive(String name, BytesSupplier bytes) {
        Path target = directory().resolve(name);
        if (!Files.exists(target)) {
            try {
                writeAtomically(target, bytes.get());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return target;
    }

    private static Path write(String name, byte[] bytes) {
        return derive(name, () -> bytes);
    }

    private static synchronized Path generate(String name, String... args) {
        Path target = directory().resolve(name);
        if (Files.exists(target)) {
            return target;
        }
        String extension = name.substring(name.lastIndexOf('.'));
        Path partial = directory().resolve("partial-" + name.replace(extension, "") + extension);
        List<String> cmd = new ArrayList<>(List.of(binaries().ffmpeg().toString(), "-hide_banner", "-nostdin", "-y",
                "-loglevel", "error"));
        cmd.addAll(List.of(args));
        cmd.add(partial.toString());
        try {
            new ProcessRunner().run(cmd, GENERATION_TIMEOUT, "Generating test media " + name + " failed");
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (MediaException e) {
            throw new IllegalStateException(e.getMessage() + "\n" + e.detail(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while generating " + name, e);
        }
        return target;
    }

    private static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path partial = target.resolveSibling("partial-" + target.getFileName());
        Files.write(partial, bytes);
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
    }

    private static Path javacppCacheDir() {
        String configured = System.getProperty("tandem.javacpp.cachedir");
        return configured != null ? Path.of(configured)
                : Path.of(System.getProperty("java.io.tmpdir"), "tandem-javacpp");
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Temporary files only; the OS cleans up what we could not.
        }
    }
}
