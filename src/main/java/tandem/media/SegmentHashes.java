package tandem.media;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Computes PeerTube's per-segment SHA-256 map, which P2P peers use to verify segments from other peers. */
public final class SegmentHashes {
    private static final String BYTERANGE = "#EXT-X-BYTERANGE:";
    private static final int BUFFER_BYTES = 64 * 1024;

    private SegmentHashes() {
    }

    /**
     * Reads the media segments of a variant playlist, grouped by the file they live in.
     *
     * <p>The init section ({@code EXT-X-MAP}) is deliberately absent: PeerTube does not hash it.
     */
    public static Map<String, List<ByteRange>> segments(Path playlist) throws IOException {
        Map<String, List<ByteRange>> result = new LinkedHashMap<>();
        ByteRange pending = null;
        long nextOffset = 0;
        for (String raw : Files.readAllLines(playlist, StandardCharsets.UTF_8)) {
            String line = raw.strip();
            if (line.startsWith(BYTERANGE)) {
                String spec = line.substring(BYTERANGE.length());
                int at = spec.indexOf('@');
                long length = Long.parseLong(at < 0 ? spec : spec.substring(0, at));
                // Without "@offset" the segment starts right after the previous one (RFC 8216 4.3.2.2).
                long offset = at < 0 ? nextOffset : Long.parseLong(spec.substring(at + 1));
                pending = new ByteRange(offset, length);
                nextOffset = offset + length;
            } else if (!line.isEmpty() && !line.startsWith("#") && pending != null) {
                result.computeIfAbsent(line, k -> new ArrayList<>()).add(pending);
                pending = null;
            }
        }
        return result;
    }

    /** Hashes each range of a file; keys are {@link ByteRange#key()}, values lowercase SHA-256 hex. */
    public static Map<String, String> hash(Path file, List<ByteRange> ranges) throws IOException {
        Map<String, String> hashes = new LinkedHashMap<>();
        ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            for (ByteRange range : ranges) {
                if (range.offset() + range.length() > channel.size()) {
                    throw new IOException("Segment " + range.key() + " lies beyond the end of " + file.getFileName());
                }
                MessageDigest digest = sha256();
                long position = range.offset();
                long remaining = range.length();
                while (remaining > 0) {
                    buffer.clear().limit((int) Math.min(buffer.capacity(), remaining));
                    int read = channel.read(buffer, position);
                    if (read < 0) {
                        throw new IOException("Unexpected end of " + file.getFileName());
                    }
                    digest.update(buffer.flip());
                    position += read;
                    remaining -= read;
                }
                hashes.put(range.key(), HexFormat.of().formatHex(digest.digest()));
            }
        }
        return hashes;
    }

    /** Hashes every segment of the given variant playlists, resolving media files next to each playlist. */
    public static Map<String, Map<String, String>> forPlaylists(List<Path> playlists) throws IOException {
        Map<String, Map<String, String>> all = new LinkedHashMap<>();
        for (Path playlist : playlists) {
            for (Map.Entry<String, List<ByteRange>> e : segments(playlist).entrySet()) {
                Path media = playlist.resolveSibling(e.getKey());
                all.computeIfAbsent(media.getFileName().toString(), k -> new LinkedHashMap<>())
                        .putAll(hash(media, e.getValue()));
            }
        }
        return all;
    }

    /** Reads a {@code KEY-segments-sha256.json} back, in its order. */
    public static Map<String, Map<String, String>> read(Path json) throws IOException {
        return new ObjectMapper().readValue(json.toFile(),
                new com.fasterxml.jackson.core.type.TypeReference<LinkedHashMap<String, Map<String, String>>>() { });
    }

    /** Writes the map as PeerTube's {@code KEY-segments-sha256.json}. */
    public static void write(Path json, Map<String, Map<String, String>> hashes) throws IOException {
        Files.write(json, new ObjectMapper().writeValueAsBytes(hashes));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM ships SHA-256", e);
        }
    }
}
