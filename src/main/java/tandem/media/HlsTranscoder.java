package tandem.media;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleConsumer;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Transcodes a probed source into PeerTube-compatible HLS: variants, master playlist and segment hashes. */
public final class HlsTranscoder {
    private static final Logger LOG = LoggerFactory.getLogger(HlsTranscoder.class);
    private static final Pattern SAFE_KEY = Pattern.compile("[A-Za-z0-9_-]{1,100}");
    private static final Duration BASE_TIMEOUT = Duration.ofMinutes(10);
    private static final int TIMEOUT_SECONDS_PER_MEDIA_SECOND = 20;
    /** Keyframes further apart than this make a source unfit for remuxing: seeking and P2P want short segments. */
    public static final double MAX_SEGMENT_SECONDS = 10.5;

    private final Path ffmpeg;
    private final Duration minimumTimeout;
    private final ProcessRunner runner = new ProcessRunner();

    /** Creates a transcoder with the bundled ffmpeg and a time limit of 20 × the media duration, at least 10 min. */
    public HlsTranscoder(FfmpegBinaries binaries) {
        this(binaries.ffmpeg(), BASE_TIMEOUT);
    }

    /** Creates a transcoder whose time limit is at least {@code minimumTimeout} (20 × duration if longer). */
    public HlsTranscoder(Path ffmpeg, Duration minimumTimeout) {
        this.ffmpeg = ffmpeg;
        this.minimumTimeout = minimumTimeout;
    }

    /**
     * Encodes the ladder and writes {@code KEY-master.m3u8} and {@code KEY-segments-sha256.json}.
     *
     * <p>On any failure every {@code KEY-*} file is removed from {@code outputDir} before the exception leaves.
     *
     * @param key      file-name prefix chosen by the caller (a random UUID), letters, digits, '-' and '_' only
     * @param progress receives 0–100 as encoding advances, on a reader thread (not the caller's)
     * @throws InterruptedException when the calling thread is interrupted; ffmpeg is killed and outputs removed
     */
    public HlsOutput transcode(Path input, MediaInfo info, Path outputDir, String key, DoubleConsumer progress)
            throws MediaException, InterruptedException, IOException {
        return transcode(input, info, TranscodePlan.of(info), outputDir, key, progress);
    }

    /** Encodes the rungs of {@code plan} (the whole ladder, or the part not published yet) as {@link #transcode} does. */
    public HlsOutput transcode(Path input, MediaInfo info, TranscodePlan plan, Path outputDir, String key,
                               DoubleConsumer progress) throws MediaException, InterruptedException, IOException {
        checkKey(key);
        Files.createDirectories(outputDir);
        boolean done = false;
        try {
            List<String> command = LadderCommand.build(ffmpeg, input.toAbsolutePath(), plan,
                    outputDir.toAbsolutePath(), key);
            LOG.info("Transcoding {} into {} rendition(s) {}", input.getFileName(), plan.renditions().size(),
                    plan.renditions().stream().map(Rendition::name).toList());
            runner.runWithProgress(command, timeoutFor(info), "The video could not be transcoded",
                    info.durationSeconds(), progress);
            HlsOutput output = collect(info, plan.renditions(), outputDir, key);
            done = true;
            return output;
        } finally {
            if (!done) {
                deleteOutputs(outputDir, key);
            }
        }
    }

    /**
     * Copies a web-ready source (see {@link WebReady}) into one HLS rendition at its own resolution, without
     * re-encoding its video; files, master and segment hashes exactly as {@link #transcode} writes them.
     *
     * @return empty (outputs removed) when the source's keyframes are too far apart for usable segments: longer
     *         than {@link #MAX_SEGMENT_SECONDS}
     */
    public Optional<HlsOutput> remux(Path input, MediaInfo info, Path outputDir, String key)
            throws MediaException, InterruptedException, IOException {
        checkKey(key);
        Files.createDirectories(outputDir);
        Rendition rendition = TranscodePlan.source(info);
        boolean done = false;
        try {
            List<String> command = LadderCommand.remux(ffmpeg, input.toAbsolutePath(), rendition,
                    WebReady.audioCopyable(info), outputDir.toAbsolutePath(), key);
            runner.run(command, timeoutFor(info), "The video could not be remuxed");
            double longest = longestSegment(outputDir.resolve(LadderCommand.playlistName(key, rendition)));
            if (longest > MAX_SEGMENT_SECONDS) {
                LOG.info("Not remuxing {}: keyframes {} s apart", input.getFileName(), longest);
                return Optional.empty();
            }
            HlsOutput output = collect(info, List.of(rendition), outputDir, key);
            done = true;
            return Optional.of(output);
        } finally {
            if (!done) {
                deleteOutputs(outputDir, key);
            }
        }
    }

    /**
     * Adds renditions to a published set: writes {@code KEY-master.m3u8} listing the published variants first, in
     * their order (P2P swarm ids are the variants' positions, so they must not move), then the added ones; and
     * {@code KEY-segments-sha256.json} with the published hashes and the added ones. Nothing published changes.
     *
     * @param added           the new renditions' output, in {@code outputDir}
     * @param publishedMaster a copy of the master playlist players see now (not in {@code outputDir} under the
     *                        master's own name)
     * @param publishedHashes a copy of the segment hashes published now
     */
    public HlsOutput join(HlsOutput added, Path publishedMaster, Path publishedHashes, Path outputDir, String key)
            throws IOException {
        checkKey(key);
        String master = MasterPlaylist.append(Files.readString(publishedMaster, StandardCharsets.UTF_8),
                added.variants());
        Map<String, Map<String, String>> hashes = SegmentHashes.read(publishedHashes);
        hashes.putAll(SegmentHashes.forPlaylists(added.variants().stream().map(HlsVariant::playlist).toList()));
        Path masterFile = outputDir.resolve(key + "-master.m3u8");
        Path sha = outputDir.resolve(key + "-segments-sha256.json");
        Files.writeString(masterFile, master, StandardCharsets.UTF_8);
        SegmentHashes.write(sha, hashes);
        return new HlsOutput(masterFile, sha, added.variants());
    }

    private static void checkKey(String key) {
        if (!SAFE_KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("Unsafe file-name key: " + key);
        }
    }

    /** The longest EXTINF of a variant playlist, in seconds. */
    static double longestSegment(Path playlist) throws IOException {
        double longest = 0;
        for (String line : Files.readAllLines(playlist, StandardCharsets.UTF_8)) {
            if (line.startsWith("#EXTINF:")) {
                String value = line.substring("#EXTINF:".length());
                int comma = value.indexOf(',');
                longest = Math.max(longest, Double.parseDouble(comma < 0 ? value : value.substring(0, comma)));
            }
        }
        return longest;
    }

    private HlsOutput collect(MediaInfo info, List<Rendition> renditions, Path outputDir, String key)
            throws MediaException, IOException {
        Path ffmpegMaster = outputDir.resolve(LadderCommand.ffmpegMasterName(key));
        MasterPlaylist.FfmpegMaster reported = MasterPlaylist.readFfmpegMaster(ffmpegMaster);
        List<HlsVariant> variants = new ArrayList<>();
        for (Rendition rendition : renditions) {
            Path playlist = outputDir.resolve(LadderCommand.playlistName(key, rendition));
            Path media = outputDir.resolve(LadderCommand.mediaFileName(key, rendition));
            if (!Files.isRegularFile(playlist) || !Files.isRegularFile(media)) {
                throw new MediaException("The video could not be transcoded (ffmpeg produced no "
                        + rendition.name() + " rendition)");
            }
            long size = Files.size(media);
            long bandwidth = (long) Math.ceil(size * 8d / info.durationSeconds());
            String codecs = reported.codecs().getOrDefault(playlist.getFileName().toString(), "");
            variants.add(new HlsVariant(rendition, playlist, media, size, codecs, bandwidth));
        }
        Files.deleteIfExists(ffmpegMaster);

        Path master = outputDir.resolve(key + "-master.m3u8");
        Files.writeString(master, MasterPlaylist.render(reported.version(), variants), StandardCharsets.UTF_8);
        Path sha = outputDir.resolve(key + "-segments-sha256.json");
        SegmentHashes.write(sha, SegmentHashes.forPlaylists(variants.stream().map(HlsVariant::playlist).toList()));
        return new HlsOutput(master, sha, variants);
    }

    private Duration timeoutFor(MediaInfo info) {
        Duration scaled = Duration.ofSeconds((long) Math.ceil(info.durationSeconds() * TIMEOUT_SECONDS_PER_MEDIA_SECOND));
        return scaled.compareTo(minimumTimeout) > 0 ? scaled : minimumTimeout;
    }

    /** Deletes every file this key may have produced; keys are unique per transcode, so nothing else matches. */
    static void deleteOutputs(Path outputDir, String key) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(outputDir, key + "-*")) {
            for (Path file : files) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    LOG.warn("Could not delete partial output {}", file, e);
                }
            }
        } catch (IOException e) {
            LOG.warn("Could not clean up partial outputs in {}", outputDir, e);
        }
    }
}
