package tandem.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TorrentFileTest {
    @TempDir
    Path dir;

    @Test
    void roundTripsThroughAnIndependentDecoder() throws Exception {
        byte[] content = new byte[600_000];
        new Random(7).nextBytes(content);
        Path file = Files.write(dir.resolve("video-720.mp4"), content);
        List<String> trackers = List.of("wss://tandem.example/tracker/socket", "https://tandem.example/tracker/announce");
        List<String> seeds = List.of("https://tandem.example/static/web-videos/video-720.mp4");

        Torrent torrent = TorrentFile.create(file, "video-720.mp4", trackers, seeds, Instant.ofEpochSecond(1_700_000_000));

        Decoder decoder = new Decoder(torrent.bytes());
        @SuppressWarnings("unchecked")
        Map<String, Object> meta = (Map<String, Object>) decoder.next();
        assertThat(decoder.pos).isEqualTo(torrent.bytes().length);
        assertThat(new ArrayList<>(meta.keySet())).containsExactly(
                "announce", "announce-list", "created by", "creation date", "info", "url-list");
        assertThat(text(meta.get("announce"))).isEqualTo(trackers.getFirst());
        assertThat(meta.get("creation date")).isEqualTo(1_700_000_000L);
        assertThat(text(meta.get("created by"))).isEqualTo("Tandem");
        assertThat(((List<?>) meta.get("url-list")).stream().map(TorrentFileTest::text).toList()).isEqualTo(seeds);
        assertThat((List<?>) meta.get("announce-list")).hasSize(2);

        @SuppressWarnings("unchecked")
        Map<String, Object> info = (Map<String, Object>) meta.get("info");
        assertThat(new ArrayList<>(info.keySet())).containsExactly("length", "name", "piece length", "pieces");
        assertThat(info.get("length")).isEqualTo(600_000L);
        assertThat(info.get("piece length")).isEqualTo(262_144L);
        byte[] pieces = (byte[]) info.get("pieces");
        assertThat(pieces).hasSize(3 * 20);
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        for (int i = 0; i < 3; i++) {
            byte[] piece = Arrays.copyOfRange(content, i * 262_144, Math.min(content.length, (i + 1) * 262_144));
            assertThat(Arrays.copyOfRange(pieces, i * 20, i * 20 + 20)).isEqualTo(sha1.digest(piece));
        }
        byte[] infoBytes = Arrays.copyOfRange(torrent.bytes(), decoder.infoStart, decoder.infoEnd);
        assertThat(torrent.infoHash()).isEqualTo(HexFormat.of().formatHex(sha1.digest(infoBytes)));
    }

    @Test
    void pieceLengthGrowsToKeepPiecesFew() {
        assertThat(TorrentFile.pieceLength(1)).isEqualTo(256 * 1024);
        assertThat(TorrentFile.pieceLength(600L * 1024 * 1024)).isEqualTo(512 * 1024);
        assertThat(TorrentFile.pieceLength(4L * 1024 * 1024 * 1024) * 2000L).isGreaterThanOrEqualTo(4L << 30);
    }

    @Test
    void magnetUri() {
        assertThat(TorrentFile.magnetUri("abc123", "My video 720.mp4", List.of("wss://t.example/tracker/socket"),
                "https://t.example/lazy-static/torrents/x.torrent", List.of("https://t.example/w/x.mp4")))
                .isEqualTo("magnet:?xs=https%3A%2F%2Ft.example%2Flazy-static%2Ftorrents%2Fx.torrent"
                        + "&xt=urn:btih:abc123&dn=My%20video%20720.mp4&tr=wss%3A%2F%2Ft.example%2Ftracker%2Fsocket"
                        + "&ws=https%3A%2F%2Ft.example%2Fw%2Fx.mp4");
    }

    private static String text(Object bytes) {
        return new String((byte[]) bytes, StandardCharsets.UTF_8);
    }

    /** A tiny bencode reader, written independently of the encoder; remembers where "info" lies. */
    private static final class Decoder {
        private final byte[] data;
        int pos;
        int infoStart;
        int infoEnd;

        Decoder(byte[] data) {
            this.data = data;
        }

        Object next() {
            byte c = data[pos];
            if (c == 'i') {
                int end = indexOf('e', pos);
                long value = Long.parseLong(new String(data, pos + 1, end - pos - 1, StandardCharsets.US_ASCII));
                pos = end + 1;
                return value;
            }
            if (c == 'l') {
                pos++;
                List<Object> list = new ArrayList<>();
                while (data[pos] != 'e') {
                    list.add(next());
                }
                pos++;
                return list;
            }
            if (c == 'd') {
                pos++;
                Map<String, Object> map = new LinkedHashMap<>();
                while (data[pos] != 'e') {
                    String key = new String((byte[]) next(), StandardCharsets.UTF_8);
                    int start = pos;
                    map.put(key, next());
                    if (key.equals("info")) {
                        infoStart = start;
                        infoEnd = pos;
                    }
                }
                pos++;
                return map;
            }
            int colon = indexOf(':', pos);
            int length = Integer.parseInt(new String(data, pos, colon - pos, StandardCharsets.US_ASCII));
            pos = colon + 1 + length;
            return Arrays.copyOfRange(data, colon + 1, colon + 1 + length);
        }

        private int indexOf(char ch, int from) {
            for (int i = from; i < data.length; i++) {
                if (data[i] == ch) {
                    return i;
                }
            }
            throw new IllegalStateException("Truncated bencode");
        }
    }
}
