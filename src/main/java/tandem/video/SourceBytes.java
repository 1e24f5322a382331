package tandem.video;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Bytes one HTTP source (the origin or one of its mirrors) carried for a player since its previous
 * report: Tandem's `tandemSources: [{baseUrl, bytes}]` beside PeerTube's playback metrics. Only the
 * host is kept: it is what an admin asks about ("how much did that instance carry for us?"), and it
 * keeps a client from filling the table with made-up paths.
 */
public record SourceBytes(String host, long bytes) {
    /** A player has the origin and a handful of mirrors; more is a bug or an attempt to bloat the table. */
    static final int MAX_SOURCES = 32;
    static final int MAX_URL_LENGTH = 2048;
    static final String FIELD = "tandemSources";

    /**
     * Reads the optional list, adding precise errors to `errors`; one host named twice is summed.
     * The bytes of all sources may not exceed the report's HTTP bytes: they are a breakdown of them.
     */
    static List<SourceBytes> parse(Object value, long httpBytes, Map<String, String> errors) {
        if (value == null) return List.of();
        if (!(value instanceof List<?> list)) {
            errors.put(FIELD, "Should be a list of {baseUrl, bytes}");
            return List.of();
        }
        if (list.size() > MAX_SOURCES) {
            errors.put(FIELD, "Should name at most " + MAX_SOURCES + " sources");
            return List.of();
        }
        Map<String, Long> byHost = new LinkedHashMap<>();
        for (int i = 0; i < list.size(); i++) {
            String at = FIELD + "[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> item)) {
                errors.put(at, "Should be an object {baseUrl, bytes}");
                continue;
            }
            String host = host(item.get("baseUrl"));
            if (host == null) errors.put(at + ".baseUrl", "Should be an absolute http(s) URL of at most " + MAX_URL_LENGTH + " characters");
            Long bytes = wholeBytes(item.get("bytes"));
            if (bytes == null) errors.put(at + ".bytes", "Should be a whole number of bytes between 0 and " + PlaybackReport.MAX_BYTES);
            if (host != null && bytes != null) byHost.merge(host, bytes, Long::sum);
        }
        long sum = byHost.values().stream().mapToLong(Long::longValue).sum();
        if (sum > httpBytes && !errors.containsKey("downloadedBytesHTTP")) {
            errors.put(FIELD, "Should not add up to more than downloadedBytesHTTP (" + sum + " > " + httpBytes + ")");
        }
        List<SourceBytes> out = new ArrayList<>();
        byHost.forEach((h, b) -> { if (b > 0) out.add(new SourceBytes(h, b)); });
        return out;
    }

    /** "host" or "host:port", lower case, from an absolute http(s) URL; null when it is not one. */
    static String host(Object url) {
        if (!(url instanceof String s) || s.length() > MAX_URL_LENGTH) return null;
        try {
            URI u = new URI(s);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || u.getHost() == null) return null;
            String host = u.getHost().toLowerCase(Locale.ROOT);
            return u.getPort() == -1 ? host : host + ":" + u.getPort();
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static Long wholeBytes(Object v) {
        Long n = switch (v) {
            case Integer i -> (long) i;
            case Long l -> l;
            case Double d when d == Math.rint(d) && Math.abs(d) < 1e15 -> d.longValue();
            case null, default -> null;
        };
        return n == null || n < 0 || n > PlaybackReport.MAX_BYTES ? null : n;
    }
}
