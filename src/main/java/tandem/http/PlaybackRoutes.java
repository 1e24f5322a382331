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

/** Players report playback (PeerTube's `/metrics/playback`); admins and moderators read the P2P summary. */
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
             .get("/server/p2p-stats", this::p2pStats);
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

    private static Map<String, Object> traffic(Traffic t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("p2pBytes", t.p2pBytes());
        m.put("httpBytes", t.httpBytes());
        m.put("uploadedBytes", t.uploadedBytes());
        m.put("reports", t.reports());
        return m;
    }
}
