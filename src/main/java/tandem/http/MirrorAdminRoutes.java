package tandem.http;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import tandem.account.Role;
import tandem.core.Config;
import tandem.core.PageRequest;
import tandem.core.Problem;
import tandem.mirror.MirrorHosts;
import tandem.mirror.MirrorListing;
import tandem.mirror.MirrorPolicy;
import tandem.mirror.MirrorService;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The admin API of mirrors, PeerTube's redundancy, in its shapes so that `peertube-cli redundancy`
 * works unchanged: which followed instances' videos may be mirrored, our manual mirrors, and the
 * lists of our mirrors and of others' mirrors of our videos.
 */
public final class MirrorAdminRoutes implements HttpService {
    private final MirrorHosts hosts;
    private final MirrorService mirrors;
    private final MirrorListing listing;
    private final MirrorPolicy policy;
    private final Config.Mirrors settings;
    private final JsonIo json;
    private final Auth auth;

    public MirrorAdminRoutes(MirrorHosts hosts, MirrorService mirrors, MirrorListing listing, MirrorPolicy policy, Config.Mirrors settings,
                             JsonIo json, Auth auth) {
        this.policy = policy;
        this.settings = settings;
        this.hosts = hosts;
        this.mirrors = mirrors;
        this.listing = listing;
        this.json = json;
        this.auth = auth;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/server/redundancy/policy", this::policy)
             .get("/server/redundancy/videos", this::list)
             .post("/server/redundancy/videos", this::add)
             .delete("/server/redundancy/videos/{id}", this::remove)
             .put("/server/redundancy/{host}", this::allow);
    }

    /** What the configuration says (read-only: set in tandem.conf), for the admin page. */
    private void policy(ServerRequest req, ServerResponse res) {
        auth.requireRole(req, Role.ADMIN);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("strategies", policy.strategies().stream().map(s -> {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("strategy", s.id());
            one.put("size", s.sizeBytes());
            one.put("minLifetimeSeconds", s.minLifetime().toSeconds());
            one.put("minViews", s.kind() == MirrorPolicy.Kind.RECENTLY_ADDED ? s.minViews() : null);
            return one;
        }).toList());
        m.put("checkIntervalSeconds", settings.checkInterval().toSeconds());
        m.put("acceptFrom", settings.acceptFrom());
        m.put("originPreference", settings.originPreference());
        m.put("copyBytesPerSecond", settings.copyBytesPerSecond());
        m.put("firstByteTimeoutMs", settings.firstByteTimeout().toMillis());
        m.put("recheckSeconds", settings.recheckInterval().toSeconds());
        json.ok(res, m);
    }

    private void allow(ServerRequest req, ServerResponse res) {
        auth.requireRole(req, Role.ADMIN);
        if (!(json.readObject(req).get("redundancyAllowed") instanceof Boolean allowed)) {
            throw Problem.invalidParam("redundancyAllowed", "Should be true or false");
        }
        String host = Params.pathParam(req, "host");
        hosts.allow(host, allowed);
        if (!allowed) mirrors.dropHost(host);
        res.status(204).send();
    }

    private void add(ServerRequest req, ServerResponse res) {
        auth.requireRole(req, Role.ADMIN);
        Object id = json.readObject(req).get("videoId");
        if (!(id instanceof Number) && !(id instanceof String)) throw Problem.invalidParam("videoId", "Should have a valid video id");
        mirrors.addManual(id.toString());
        res.status(204).send();
    }

    private void remove(ServerRequest req, ServerResponse res) {
        auth.requireRole(req, Role.ADMIN);
        mirrors.remove(Params.longPath(req, "id"));
        res.status(204).send();
    }

    private void list(ServerRequest req, ServerResponse res) {
        auth.requireRole(req, Role.ADMIN);
        String target = Params.get(req, "target");
        if (!"my-videos".equals(target) && !"remote-videos".equals(target)) {
            throw Problem.invalidParam("target", "Should be my-videos or remote-videos");
        }
        PageRequest page = PageRequest.parse(Params.get(req, "start"), Params.get(req, "count"), Params.get(req, "sort"), "name",
                Set.of("name", "id"));
        MirrorListing.Result r = listing.list("my-videos".equals(target), Params.get(req, "strategy"), page);
        json.ok(res, Map.of("total", r.total(), "data", r.items().stream().map(MirrorAdminRoutes::item).toList()));
    }

    private static Map<String, Object> item(MirrorListing.Item i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", i.videoId());
        m.put("name", i.name());
        m.put("url", i.url());
        m.put("uuid", i.uuid());
        m.put("redundancies", Map.of("files", List.of(), "streamingPlaylists", i.copies().stream().map(MirrorAdminRoutes::copy).toList()));
        return m;
    }

    private static Map<String, Object> copy(MirrorListing.Copy c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("fileUrl", c.fileUrl());
        m.put("strategy", c.strategy());
        m.put("size", c.size());
        m.put("createdAt", Instant.ofEpochMilli(c.createdAt()));
        m.put("updatedAt", Instant.ofEpochMilli(c.updatedAt()));
        m.put("expiresOn", c.expiresAt() == null ? null : Instant.ofEpochMilli(c.expiresAt()));
        return m;
    }
}
