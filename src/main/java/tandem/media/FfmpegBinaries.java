package tandem.media;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.bytedeco.javacpp.Loader;

/**
 * Locates the ffmpeg and ffprobe executables bundled in the bytedeco jar, extracting them (and the
 * libraries they link) to a cache directory.
 *
 * <p>Only the files are extracted: the libraries are not loaded into this JVM. Tandem runs ffmpeg as
 * a child process and never calls the libraries itself, while loading them (what {@code Loader.load}
 * of the presets does) maps libavcodec and friends, and through libavdevice PulseAudio, ALSA and XCB,
 * into the server for its whole life: about 25 MB of idle RSS and a second of start-up for nothing.
 */
public final class FfmpegBinaries {
    static final String CACHE_DIR_PROPERTY = "org.bytedeco.javacpp.cachedir";
    /** The folder of the bundled binaries inside the jar; the GPL build is the one Tandem ships. */
    private static final String[] PLATFORM_FOLDERS = {"-gpl", ""};
    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(30);

    private final Path ffmpeg;
    private final Path ffprobe;

    /**
     * Extracts (once per cache directory) and locates the executables.
     *
     * <p>JavaCPP reads the cache directory only the first time it extracts anything in this JVM, so every
     * instance in one JVM should be given the same directory.
     */
    public FfmpegBinaries(Path cacheDir) {
        Objects.requireNonNull(cacheDir, "cacheDir");
        try {
            Files.createDirectories(cacheDir);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create the ffmpeg cache directory " + cacheDir, e);
        }
        // Without this JavaCPP unpacks ~86 MB of native code into ~/.javacpp, outside our data directory.
        System.setProperty(CACHE_DIR_PROPERTY, cacheDir.toAbsolutePath().toString());
        Path dir = extract();
        this.ffmpeg = executable(dir, "ffmpeg");
        this.ffprobe = executable(dir, "ffprobe");
        checkRuns(ffprobe);
    }

    /** Returns the ffmpeg executable. */
    public Path ffmpeg() {
        return ffmpeg;
    }

    /** Returns the ffprobe executable. */
    public Path ffprobe() {
        return ffprobe;
    }

    /** Extracts the platform's folder (executables beside their libraries: they find them through $ORIGIN). */
    private static Path extract() {
        String platform = Loader.getPlatform();
        for (String suffix : PLATFORM_FOLDERS) {
            String folder = "/org/bytedeco/ffmpeg/" + platform + suffix + "/";
            if (FfmpegBinaries.class.getResource(folder + "ffmpeg") == null) continue;
            try {
                File[] files = Loader.cacheResources(FfmpegBinaries.class, folder);
                if (files.length == 1 && files[0].isDirectory()) return files[0].toPath();
                throw new IllegalStateException("Unexpected extraction of " + folder + ": " + Arrays.toString(files));
            } catch (IOException e) {
                throw new IllegalStateException("Cannot extract the bundled ffmpeg from " + folder + ": " + e.getMessage(), e);
            }
        }
        throw new IllegalStateException("No bundled ffmpeg for platform " + platform + " in the jar");
    }

    /**
     * Fails now, with the fix, rather than at the first upload when the machine lacks a system library
     * the binaries link (the bundled libavdevice needs libpulse.so.0, which slim images lack).
     */
    private static void checkRuns(Path executable) {
        try {
            new ProcessRunner().run(List.of(executable.toString(), "-version"), CHECK_TIMEOUT, "The bundled ffprobe does not run");
        } catch (MediaException e) {
            throw new IllegalStateException(e.getMessage() + " (on Debian/Ubuntu the system package libpulse0 is required): "
                    + e.detail(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while checking the bundled ffprobe", e);
        }
    }

    private static Path executable(Path dir, String name) {
        Path path = dir.resolve(name);
        // Extraction copies bytes, not the executable bit.
        if (!Files.isRegularFile(path) || !(Files.isExecutable(path) || path.toFile().setExecutable(true))) {
            throw new IllegalStateException("The bundled " + name + " executable was not found or cannot be made executable: " + path);
        }
        return path;
    }
}
