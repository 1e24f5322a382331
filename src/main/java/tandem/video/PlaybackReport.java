package tandem.video;

import tandem.core.Problem;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One player report in PeerTube's PlaybackMetricCreate shape, validated, with Tandem's per-source
 * breakdown of the HTTP bytes ({@link SourceBytes}, empty from PeerTube's players). Counters are deltas since
 * the player's previous report (every ~15 s), so each is bounded: a report claiming more than
 * {@link #MAX_BYTES} is a bug or a lie, and refusing it keeps one client from skewing the totals.
 */
public record PlaybackReport(String videoId, String playerMode, int resolution, Integer fps, boolean p2pEnabled, int p2pPeers,
                             int resolutionChanges, int errors, long downloadedBytesP2P, long downloadedBytesHttp,
                             long uploadedBytesP2P, List<SourceBytes> sources) {
    /** 10 GB: far beyond what any connection moves in one reporting interval. */
    public static final long MAX_BYTES = 10_000_000_000L;
    static final int MAX_RESOLUTION = 10_000;
    static final int MAX_FPS = 1_000;
    static final int MAX_PEERS = 10_000;
    static final int MAX_EVENTS = 100_000;
    /** "webtorrent" is what PeerTube players before 6.0 send for web-video playback. */
    static final Set<String> PLAYER_MODES = Set.of("p2p-media-loader", "web-video", "webtorrent");

    /** Parses a JSON body; every problem is reported at once, PeerTube-style. */
    public static PlaybackReport parse(Map<String, Object> body) {
        Map<String, String> errors = new LinkedHashMap<>();
        Object mode = body.get("playerMode");
        if (!(mode instanceof String m) || !PLAYER_MODES.contains(m)) {
            errors.put("playerMode", "Should have a valid player mode (p2p-media-loader or web-video)");
        }
        Object video = body.get("videoId");
        String videoId = video instanceof String s && !s.isBlank() ? s.trim() : video instanceof Number n ? String.valueOf(n) : null;
        if (videoId == null) errors.put("videoId", "Should have a valid video id, uuid or short uuid");
        Object p2p = body.get("p2pEnabled");
        if (!(p2p instanceof Boolean)) errors.put("p2pEnabled", "Should have a p2pEnabled boolean");
        Counters c = new Counters(body, errors);
        int resolution = (int) c.required("resolution", MAX_RESOLUTION);
        Long fps = c.optional("fps", MAX_FPS);
        Long peers = c.optional("p2pPeers", MAX_PEERS);
        int resolutionChanges = (int) c.required("resolutionChanges", MAX_EVENTS);
        int errorCount = (int) c.required("errors", MAX_EVENTS);
        c.optional("bufferStalled", MAX_EVENTS);
        long downP2p = c.required("downloadedBytesP2P", MAX_BYTES);
        long downHttp = c.required("downloadedBytesHTTP", MAX_BYTES);
        long upP2p = c.required("uploadedBytesP2P", MAX_BYTES);
        List<SourceBytes> sources = SourceBytes.parse(body.get(SourceBytes.FIELD), downHttp, errors);
        if (!errors.isEmpty()) throw Problem.invalidParams(errors);
        return new PlaybackReport(videoId, (String) mode, resolution, fps == null ? null : fps.intValue(), (Boolean) p2p,
                peers == null ? 0 : peers.intValue(), resolutionChanges, errorCount, downP2p, downHttp, upP2p, sources);
    }

    /** Reads whole, non-negative, bounded numbers, collecting errors instead of failing on the first. */
    private record Counters(Map<String, Object> body, Map<String, String> errors) {
        long required(String name, long max) {
            Long v = optional(name, max);
            if (v == null && !errors.containsKey(name)) errors.put(name, "Should have a " + name + " number");
            return v == null ? 0 : v;
        }

        Long optional(String name, long max) {
            Object v = body.get(name);
            if (v == null) return null;
            Long n = switch (v) {
                case Integer i -> (long) i;
                case Long l -> l;
                case Double d when d == Math.rint(d) && Math.abs(d) < 1e15 -> d.longValue();
                case String s when s.matches("^\\d{1,15}$") -> Long.parseLong(s);
                default -> null;
            };
            if (n == null || n < 0 || n > max) {
                errors.put(name, "Should have a whole " + name + " number between 0 and " + max);
                return null;
            }
            return n;
        }
    }
}
