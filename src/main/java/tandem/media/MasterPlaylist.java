package tandem.media;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads what we need from ffmpeg's master playlist and writes PeerTube's. */
final class MasterPlaylist {
    /** fMP4 segments with EXT-X-MAP need version 6+; ffmpeg itself writes 7, and players accept it. */
    static final int DEFAULT_VERSION = 7;
    private static final Pattern CODECS = Pattern.compile("CODECS=\"([^\"]*)\"");
    private static final Pattern VERSION = Pattern.compile("^#EXT-X-VERSION:(\\d+)");

    /**
     * What ffmpeg's own master said.
     *
     * @param version EXT-X-VERSION
     * @param codecs  variant playlist file name to CODECS attribute
     */
    record FfmpegMaster(int version, Map<String, String> codecs) {
    }

    private MasterPlaylist() {
    }

    static FfmpegMaster readFfmpegMaster(Path master) throws IOException {
        int version = DEFAULT_VERSION;
        Map<String, String> codecs = new HashMap<>();
        if (!Files.exists(master)) {
            return new FfmpegMaster(version, codecs);
        }
        String pendingCodecs = null;
        for (String raw : Files.readAllLines(master, StandardCharsets.UTF_8)) {
            String line = raw.strip();
            Matcher v = VERSION.matcher(line);
            if (v.find()) {
                version = Integer.parseInt(v.group(1));
            } else if (line.startsWith("#EXT-X-STREAM-INF:")) {
                Matcher c = CODECS.matcher(line);
                pendingCodecs = c.find() ? c.group(1) : "";
            } else if (!line.isEmpty() && !line.startsWith("#") && pendingCodecs != null) {
                codecs.put(Path.of(line).getFileName().toString(), pendingCodecs);
                pendingCodecs = null;
            }
        }
        return new FfmpegMaster(version, codecs);
    }

    static String render(int version, List<HlsVariant> variants) {
        return append("#EXTM3U\n#EXT-X-VERSION:" + version + "\n", variants);
    }

    /** Returns a published master with more variants listed after the ones it has, which keep their positions. */
    static String append(String master, List<HlsVariant> variants) {
        StringBuilder m3u8 = new StringBuilder(master);
        if (!master.endsWith("\n")) {
            m3u8.append('\n');
        }
        for (HlsVariant variant : variants) {
            Rendition r = variant.rendition();
            m3u8.append("#EXT-X-STREAM-INF:BANDWIDTH=").append(variant.bandwidth());
            if (r.hasVideo()) {
                m3u8.append(",RESOLUTION=").append(r.width()).append('x').append(r.height())
                        .append(",FRAME-RATE=").append(r.fps());
            }
            if (!variant.codecs().isEmpty()) {
                m3u8.append(",CODECS=\"").append(variant.codecs()).append('"');
            }
            m3u8.append('\n').append(variant.playlist().getFileName()).append('\n');
        }
        return m3u8.toString();
    }
}
