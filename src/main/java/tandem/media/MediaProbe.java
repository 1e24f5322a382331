package tandem.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs ffprobe on a file and decides whether it is a usable video or audio file. */
public final class MediaProbe {
    /** Default ffprobe time limit: probing reads headers only, so a minute means something is badly wrong. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private static final Pattern INVALID_SIZE = Pattern.compile("Picture size (\\d+)x(\\d+) is invalid");

    private final Path ffprobe;
    private final Duration timeout;
    private final ProcessRunner runner = new ProcessRunner();

    /** Creates a probe using the bundled ffprobe and the default timeout. */
    public MediaProbe(FfmpegBinaries binaries) {
        this(binaries.ffprobe(), DEFAULT_TIMEOUT);
    }

    /** Creates a probe using the given ffprobe executable and time limit. */
    public MediaProbe(Path ffprobe, Duration timeout) {
        this.ffprobe = ffprobe;
        this.timeout = timeout;
    }

    /**
     * Probes a file.
     *
     * @throws MediaException when the file is missing, empty, unreadable, a still image, has no streams, no
     *                        duration or absurd dimensions; the message can be shown to the uploader
     */
    public MediaInfo probe(Path file) throws MediaException, InterruptedException {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new MediaException("The file could not be read", e.toString(), e);
        }
        if (size == 0) {
            throw new MediaException("The file is empty");
        }
        List<String> command = List.of(ffprobe.toString(), "-v", "error", "-print_format", "json",
                "-show_format", "-show_streams", file.toAbsolutePath().toString());
        ProcessRunner.Result result;
        try {
            result = runner.run(command, timeout, "The file is not a video: ffprobe could not read it");
        } catch (MediaException e) {
            throw explainRejectedSize(e);
        }
        return ProbeParser.parse(result.stdout(), size);
    }

    /** libav refuses absurd frame sizes before we see them and reports an unrelated errno; say what happened. */
    private static MediaException explainRejectedSize(MediaException e) {
        Matcher m = INVALID_SIZE.matcher(e.detail());
        if (!m.find()) {
            return e;
        }
        return new MediaException("Video dimensions " + m.group(1) + "x" + m.group(2) + " exceed the "
                + ProbeParser.MAX_DIMENSION + "x" + ProbeParser.MAX_DIMENSION + " limit", e.detail(), e);
    }
}
