package tandem.http;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import tandem.account.Role;
import tandem.video.PlaybackReport;
import tandem.video.PlaybackStats;
import tandem.video.PlaybackStatsStore.Traffic;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Players report playback (PeerTube's `/metrics/playback`); admins and moderators read the P2P
 * summary, and per video the bytes each HTTP source (origin, mirrors) carried.
 */
public final class PlaybackRoutes implements HttpService {
    private final PlaybackStats stats;
    private final JsonIo json;
    private final Auth auth;

    public PlaybackRoutes(PlaybackStats stats, JsonIo json, Auth auth) {
        this.stats = stats;
        this.json = json;
        this.auth = auth;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/metrics/playback", this::report)
             .get("/server/p2p-stats", this::p2pStats)
             .get("/videos/{id}/stats/sources", this::sources);
    }

    private void report(ServerRequest req, ServerResponse res) {
        var viewer = auth.optional(req);
        stats.record(viewer, PlaybackReport.parse(json.readObject(req)));
        res.status(204).send();
    }

    private void p2pStats(ServerRequest req, ServerResponse res) {
        auth.requireRole(req, Role.MODERATOR);
        Integer hours = Params.intValue(Params.get(req, "hours"), "hours");
        PlaybackStats.Summary s = stats.summary(hours == null ? PlaybackStats.DEFAULT_HOURS : hours);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("hours", s.hours().stream().map(h -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("hour", Instant.ofEpochMilli(h.hourStart()));
            m.putAll(traffic(h.traffic()));
            m.put("maxPeers", h.traffic().maxPeers());
            return m;
        }).toList());
        body.put("totals", traffic(s.totals()));
        body.put("p2pRatio", s.p2pRatio());
        body.put("topVideos", s.topVideos().stream().map(v -> Map.of("uuid", v.uuid(), "name", v.name(),
                "p2pBytes", v.p2pBytes(), "httpBytes", v.httpBytes())).toList());
        json.ok(res, body);
    }

    private void sources(ServerRequest req, ServerResponse res) {
        var user = auth.requireRole(req, Role.MODERATOR);
        Integer hours = Params.intValue(Params.get(req, "hours"), "hours");
        PlaybackStats.Sources s = stats.sources(user, Params.pathParam(req, "id"), hours == null ? PlaybackStats.MAX_HOURS : hours);
        json.ok(res, Map.of("video", Map.of("id", s.video().id(), "uuid", s.video().uuid()), "hours", s.hours(),
                "total", s.hosts().stream().mapToLong(h -> h.bytes()).sum(),
                "data", s.hosts().stream().map(h -> Map.of("host", h.host(), "bytes", h.bytes(), "reports", h.reports())).toList()));
    }

    private static Map<String, Object> traffic(Traffic t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("p2pBytes", t.p2pBytes());
        m.put("httpBytes", t.httpBytes());
        m.put("uploadedBytes", t.uploadedBytes());
        m.put("reports", t.reports());
        return m;
    }
}
