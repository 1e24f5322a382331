package tandem.mirror;

import tandem.media.ByteRange;
import tandem.media.SegmentHashes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an HLS playlist refers to: the master's variant playlists, a variant's media files with
 * their byte ranges. A mirror serves the origin's names in one folder, so only plain relative names
 * are accepted: a playlist pointing elsewhere could make us copy (and serve) anything.
 */
final class Playlists {
    private static final Pattern URI_ATTR = Pattern.compile("URI=\"([^\"]*)\"");
    private static final Pattern MAP_RANGE = Pattern.compile("BYTERANGE=\"(\\d+)@(\\d+)\"");

    private Playlists() {}

    /** The names a playlist refers to, in order: lines that are not tags, and tags' `URI` attributes. */
    static List<String> references(Path playlist) throws IOException {
        List<String> names = new ArrayList<>();
        for (String raw : Files.readAllLines(playlist, StandardCharsets.UTF_8)) {
            String line = raw.strip();
            if (line.isEmpty()) continue;
            if (line.startsWith("#")) {
                Matcher m = URI_ATTR.matcher(line);
                while (m.find()) add(names, m.group(1));
            } else {
                add(names, line);
            }
        }
        return names;
    }

    /** Each media file of a variant with the size its byte ranges (init section included) say it has. */
    static Map<String, Long> mediaSizes(Path variant) throws IOException {
        Map<String, Long> sizes = new LinkedHashMap<>();
        for (Map.Entry<String, List<ByteRange>> e : SegmentHashes.segments(variant).entrySet()) {
            long end = e.getValue().stream().mapToLong(r -> r.offset() + r.length()).max().orElse(0);
            sizes.merge(checked(e.getKey()), end, Math::max);
        }
        for (String raw : Files.readAllLines(variant, StandardCharsets.UTF_8)) {
            if (!raw.startsWith("#EXT-X-MAP:")) continue;
            Matcher uri = URI_ATTR.matcher(raw);
            Matcher range = MAP_RANGE.matcher(raw);
            if (uri.find() && range.find()) {
                sizes.merge(checked(uri.group(1)), Long.parseLong(range.group(1)) + Long.parseLong(range.group(2)), Math::max);
            }
        }
        return sizes;
    }

    /** The byte-range segments of a variant, by file: what the hashes must cover. */
    static Map<String, List<ByteRange>> segments(Path variant) throws IOException {
        return SegmentHashes.segments(variant);
    }

    private static void add(List<String> names, String name) throws IOException {
        String n = checked(name);
        if (!names.contains(n)) names.add(n);
    }

    static String checked(String name) throws IOException {
        if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.contains("?") || name.contains(":") || name.startsWith(".")) {
            throw new OriginFiles.CopyException("the playlist refers to '" + name + "', not a file name of its own folder", true);
        }
        return name;
    }
}
