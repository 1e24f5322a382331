package tandem.media;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.bytedeco.ffmpeg.ffmpeg;
import org.bytedeco.ffmpeg.ffprobe;
import org.bytedeco.javacpp.Loader;

/** Locates the ffmpeg and ffprobe executables bundled in the bytedeco jar, extracting them to a cache directory. */
public final class FfmpegBinaries {
    static final String CACHE_DIR_PROPERTY = "org.bytedeco.javacpp.cachedir";

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
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Cannot create the ffmpeg cache directory " + cacheDir, e);
        }
        // Without this JavaCPP unpacks ~86 MB of native code into ~/.javacpp, outside our data directory.
        System.setProperty(CACHE_DIR_PROPERTY, cacheDir.toAbsolutePath().toString());
        this.ffmpeg = load(ffmpeg.class, "ffmpeg");
        this.ffprobe = load(ffprobe.class, "ffprobe");
    }

    /** Returns the ffmpeg executable. */
    public Path ffmpeg() {
        return ffmpeg;
    }

    /** Returns the ffprobe executable. */
    public Path ffprobe() {
        return ffprobe;
    }

    private static Path load(Class<?> presetClass, String name) {
        String path;
        try {
            path = Loader.load(presetClass);
        } catch (LinkageError | RuntimeException e) {
            // The bundled libavdevice links against libpulse.so.0, which slim images lack.
            throw new IllegalStateException("Cannot load the bundled " + name
                    + " (on Debian/Ubuntu the system package libpulse0 is required): " + e.getMessage(), e);
        }
        if (path == null || !Files.isExecutable(Path.of(path))) {
            throw new IllegalStateException("The bundled " + name + " executable was not found (got " + path + ")");
        }
        return Path.of(path);
    }
}
