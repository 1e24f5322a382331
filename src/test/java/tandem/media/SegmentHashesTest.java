package tandem.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentHashesTest {
    @TempDir
    Path dir;

    @Test
    void hashesEachByteRangeButNotTheInitSection() throws Exception {
        byte[] media = new byte[300_000];
        new Random(42).nextBytes(media);
        Files.write(dir.resolve("k-240-fragmented.mp4"), media);
        Path playlist = dir.resolve("k-240.m3u8");
        Files.writeString(playlist, """
                #EXTM3U
                #EXT-X-VERSION:7
                #EXT-X-TARGETDURATION:4
                #EXT-X-MAP:URI="k-240-fragmented.mp4",BYTERANGE="1000@0"
                #EXTINF:4.000000,
                #EXT-X-BYTERANGE:150000@1000
                k-240-fragmented.mp4
                #EXTINF:4.000000,
                #EXT-X-BYTERANGE:100000
                k-240-fragmented.mp4
                #EXTINF:1.500000,
                #EXT-X-BYTERANGE:49000@251000
                k-240-fragmented.mp4
                #EXT-X-ENDLIST
                """);

        assertThat(SegmentHashes.segments(playlist)).containsExactly(Map.entry("k-240-fragmented.mp4", List.of(
                new ByteRange(1000, 150000), new ByteRange(151000, 100000), new ByteRange(251000, 49000))));
        Map<String, Map<String, String>> all = SegmentHashes.forPlaylists(List.of(playlist));
        assertThat(all.get("k-240-fragmented.mp4")).containsExactly(
                Map.entry("1000-150999", sha256(media, 1000, 151000)),
                Map.entry("151000-250999", sha256(media, 151000, 251000)),
                Map.entry("251000-299999", sha256(media, 251000, 300000)));

        Path json = dir.resolve("k-segments-sha256.json");
        SegmentHashes.write(json, all);
        assertThat(Files.readString(json)).startsWith("{\"k-240-fragmented.mp4\":{\"1000-150999\":\"");
    }

    @Test
    void rangeBeyondTheFileIsAnError() throws IOException {
        Path file = Files.write(dir.resolve("short.mp4"), new byte[10]);
        assertThatThrownBy(() -> SegmentHashes.hash(file, List.of(new ByteRange(5, 10))))
                .isInstanceOf(IOException.class).hasMessageContaining("beyond the end");
    }

    private static String sha256(byte[] data, int from, int to) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Arrays.copyOfRange(data, from, to)));
    }
}
