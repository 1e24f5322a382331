package tandem.http;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import tandem.account.AccountService;
import tandem.account.Role;
import tandem.core.Config;
import tandem.core.PageRequest;
import tandem.instance.InstanceSettings;
import tandem.job.JobStore;
import tandem.video.PlaybackStats;
import tandem.video.PlaybackStatsStore.Traffic;
import tandem.video.VideoService;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.Set;

/** Instance-wide endpoints: config, about, stats, ping, and the admin job list. */
public final class InstanceRoutes implements HttpService {
    private final Config config;
    private final Supplier<InstanceSettings> settings;
    private final AccountService accounts;
    private final VideoService videos;
    private final JobStore jobs;
    private final PlaybackStats playback;
    /** PeerTube's `videosRedundancy`: per mirror strategy, its budget and use. */
    private final Supplier<List<Map<String, Object>>> mirrorStats;
    private final JsonIo json;
    private final Auth auth;

    public InstanceRoutes(Config config, Supplier<InstanceSettings> settings, AccountService accounts, VideoService videos, JobStore jobs, PlaybackStats playback,
                          Supplier<List<Map<String, Object>>> mirrorStats, JsonIo json, Auth auth) {
        this.mirrorStats = mirrorStats;
        this.config = config;
        this.settings = settings;
        this.accounts = accounts;
        this.videos = videos;
        this.jobs = jobs;
        this.playback = playback;
        this.json = json;
        this.auth = auth;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/config", (req, res) -> json.ok(res, ServerConfigDto.build(config, settings.get())))
             .get("/config/about", (req, res) -> json.ok(res, ServerConfigDto.about(settings.get())))
             .get("/server/stats", this::stats)
             .get("/ping", (req, res) -> res.send("pong"))
             .get("/jobs/{state}", this::jobs);
    }

    /** PeerTube's counters, plus all-time playback bytes from the hourly sums (one aggregate query). */
    private void stats(ServerRequest req, ServerResponse res) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("totalUsers", accounts.countUsers());
        body.put("totalLocalVideos", videos.countLocal());
        body.put("totalVideos", videos.countLocal());
        body.put("totalLocalVideoViews", videos.localViews());
        body.put("jobs", jobs.countByState());
        Traffic t = playback.allTime();
        body.put("totalP2PBytes", t.p2pBytes());
        body.put("totalHttpBytes", t.httpBytes());
        body.put("videosRedundancy", mirrorStats.get());
        json.ok(res, body);
    }

    private void jobs(ServerRequest req, ServerResponse res) {
        auth.requireRole(req, Role.ADMIN);
        String state = Params.pathParam(req, "state");
        PageRequest p = PageRequest.parse(Params.get(req, "start"), Params.get(req, "count"), null, "-createdAt", Set.of("createdAt"));
        String filter = switch (state) {
            case "active" -> "running";
            case "waiting", "delayed" -> "pending";
            case "completed" -> "done";
            case "failed" -> "dead";
            default -> null;
        };
        String type = Params.get(req, "jobType");
        json.ok(res, Map.of("total", jobs.count(filter, type), "data", jobs.list(filter, type, p.start(), p.count())));
    }
}
