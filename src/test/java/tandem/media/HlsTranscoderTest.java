package tandem.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real end-to-end transcode of the small clip. */
class HlsTranscoderTest {
    private static final Pattern BYTERANGE = Pattern.compile("^#EXT-X-BYTERANGE:(\\d+)@(\\d+)$");

    @TempDir
    Path output;

    @Test
    void aWebReadySourceIsRemuxedThenTheLadderJoinsItWithoutMovingIt() throws Exception {
        Path source = TestMedia.webReadyClip(640, 360, 6);
        MediaInfo info = new MediaProbe(TestMedia.binaries()).probe(source);
        assertThat(WebReady.whyNot(info)).isEmpty();
        HlsTranscoder transcoder = new HlsTranscoder(TestMedia.binaries());
        String key = "k" + UUID.randomUUID().toString().replace("-", "");

        HlsOutput first = transcoder.remux(source, info, output, key).orElseThrow();
        assertThat(first.variants()).singleElement().satisfies(v -> {
            assertThat(v.rendition().name()).isEqualTo("360");
            assertThat(v.codecs()).startsWith("avc1.").endsWith(",mp4a.40.2");
        });
        assertThat(HlsTranscoder.longestSegment(first.variants().getFirst().playlist())).isEqualTo(4.0, within(0.05));
        byte[] remuxed = Files.readAllBytes(first.variants().getFirst().mediaFile());
        Path publishedMaster = Files.move(first.masterPlaylist(), output.resolve("published-master.m3u8"));
        Path publishedHashes = Files.move(first.segmentsSha256(), output.resolve("published-sha.json"));

        TranscodePlan rest = TranscodePlan.of(info).without(List.of(360)).orElseThrow();
        HlsOutput added = transcoder.transcode(source, info, rest, output, key, p -> { });
        HlsOutput joined = transcoder.join(added, publishedMaster, publishedHashes, output, key);

        String master = Files.readString(joined.masterPlaylist());
        assertThat(master).startsWith(Files.readString(publishedMaster));
        assertThat(master.lines().filter(l -> l.endsWith(".m3u8"))).containsExactly(key + "-360.m3u8", key + "-240.m3u8");
        Map<String, Map<String, String>> hashes = new ObjectMapper().readValue(joined.segmentsSha256().toFile(),
                new TypeReference<LinkedHashMap<String, Map<String, String>>>() { });
        assertThat(hashes.keySet()).containsExactly(key + "-360-fragmented.mp4", key + "-240-fragmented.mp4");
        assertThat(hashes.get(key + "-360-fragmented.mp4")).isEqualTo(SegmentHashes.read(publishedHashes).get(key + "-360-fragmented.mp4"));
        assertThat(Files.readAllBytes(output.resolve(key + "-360-fragmented.mp4"))).isEqualTo(remuxed);
    }

    @Test
    void producesPeerTubeCompatibleHls() throws Exception {
        MediaProbe probe = new MediaProbe(TestMedia.binaries());
        Path source = TestMedia.clipWithAudio();
        MediaInfo info = probe.probe(source);
        String key = UUID.randomUUID().toString();
        List<Double> progress = new ArrayList<>();

        HlsOutput out = new HlsTranscoder(TestMedia.binaries()).transcode(source, info, output, key, progress::add);

        assertThat(progress).isSorted().last().isEqualTo(100.0);
        try (Stream<Path> files = Files.list(output)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
                    key + "-master.m3u8", key + "-segments-sha256.json", key + "-240.m3u8",
                    key + "-240-fragmented.mp4");
        }
        assertThat(out.variants()).singleElement().satisfies(v -> {
            assertThat(v.rendition().width()).isEqualTo(320);
            assertThat(v.rendition().height()).isEqualTo(240);
            assertThat(v.codecs()).startsWith("avc1.").endsWith(",mp4a.40.2");
            assertThat(v.size()).isEqualTo(Files.size(v.mediaFile()));
            assertThat(v.bandwidth()).isEqualTo((long) Math.ceil(v.size() * 8d / info.durationSeconds()));
        });

        String master = Files.readString(out.masterPlaylist());
        HlsVariant variant = out.variants().getFirst();
        assertThat(master).isEqualTo("#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-STREAM-INF:BANDWIDTH=" + variant.bandwidth()
                + ",RESOLUTION=320x240,FRAME-RATE=25,CODECS=\"" + variant.codecs() + "\"\n" + key + "-240.m3u8\n");

        assertSegmentHashesMatch(out);

        MediaInfo played = probe.probe(out.masterPlaylist());
        assertThat(played.durationSeconds()).isCloseTo(info.durationSeconds(), within(0.3));
        assertThat(played.video().displayWidth()).isEqualTo(320);
        assertThat(played.audio()).isNotNull();
    }

    /** Recomputes every range independently of SegmentHashes, from the playlist text and raw file bytes. */
    private static void assertSegmentHashesMatch(HlsOutput out) throws Exception {
        Map<String, Map<String, String>> json = new ObjectMapper().readValue(out.segmentsSha256().toFile(),
                new TypeReference<LinkedHashMap<String, Map<String, String>>>() { });
        assertThat(json).containsOnlyKeys(out.variants().getFirst().mediaFile().getFileName().toString());
        for (HlsVariant variant : out.variants()) {
            Map<String, String> expected = new LinkedHashMap<>();
            try (RandomAccessFile file = new RandomAccessFile(variant.mediaFile().toFile(), "r")) {
                for (String line : Files.readAllLines(variant.playlist(), StandardCharsets.UTF_8)) {
                    Matcher m = BYTERANGE.matcher(line.strip());
                    if (m.matches()) {
                        int length = Integer.parseInt(m.group(1));
                        long offset = Long.parseLong(m.group(2));
                        byte[] bytes = new byte[length];
                        file.seek(offset);
                        file.readFully(bytes);
                        expected.put(offset + "-" + (offset + length - 1),
                                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
                    }
                }
            }
            assertThat(expected).isNotEmpty();
            assertThat(json.get(variant.mediaFile().getFileName().toString())).containsExactlyEntriesOf(expected);
            // The init section (EXT-X-MAP) starts at 0 and must not be hashed.
            assertThat(expected.keySet()).noneMatch(k -> k.startsWith("0-"));
        }
    }

    @Test
    void cancellationKillsFfmpegAndCleansUp() throws Exception {
        Path source = TestMedia.clipWithAudio();
        MediaInfo info = new MediaProbe(TestMedia.binaries()).probe(source);
        // Pretend the clip is long and slow so the (tiny) timeout fires mid-encode via the interrupt path.
        Thread worker = Thread.ofPlatform().start(() -> {
            try {
                new HlsTranscoder(TestMedia.binaries().ffmpeg(), Duration.ofMinutes(1))
                        .transcode(Path.of("/dev/zero"), info, output, "cancelled", p -> { });
            } catch (Exception expected) {
                // Interrupted or failed: either way the directory must end up clean.
            }
        });
        Thread.sleep(500);
        worker.interrupt();
        worker.join(Duration.ofSeconds(20));
        assertThat(worker.isAlive()).isFalse();
        try (Stream<Path> left = Files.list(output)) {
            assertThat(left).isEmpty();
        }
    }
}
