package tandem.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import tandem.account.Role;
import tandem.core.Problem;
import tandem.federation.SignedRequests;
import tandem.federation.actor.Actor;
import tandem.mirror.pool.Pledges;
import tandem.mirror.pool.PoolView;
import tandem.mirror.pool.Pressure;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The pool's API: our capacity pledge (admin), the pool view (admin), and our pressure as an
 * origin, answered only to an HTTP-signed GET by the instance actor of a host that pledges.
 */
public final class PoolRoutes implements HttpService {
    /** A signer without a known pledge is read again at most this often (its pledge may be new). */
    private static final long REFRESH_AFTER_MS = 60_000;

    private final Pledges pledges;
    private final PoolView pool;
    private final Pressure pressure;
    private final SignedRequests signed;
    private final String base;
    private final JsonIo json;
    private final Auth auth;
    private final java.time.Clock clock;

    public PoolRoutes(Pledges pledges, PoolView pool, Pressure pressure, SignedRequests signed, String base, JsonIo json, Auth auth,
                      java.time.Clock clock) {
        this.pledges = pledges;
        this.pool = pool;
        this.pressure = pressure;
        this.signed = signed;
        this.base = base;
        this.json = json;
        this.auth = auth;
        this.clock = clock;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/server/pledge", this::pledge)
             .put("/server/pledge", this::setPledge)
             .get("/server/pool", (req, res) -> {
                 auth.requireRole(req, Role.ADMIN);
                 json.ok(res, pool.view());
             })
             .get("/server/pressure", this::pressure);
    }

    private void pledge(ServerRequest req, ServerResponse res) {
        auth.requireRole(req, Role.ADMIN);
        json.ok(res, pledges.ours().map(p -> (Object) pledges.toJson(p, false)).orElseGet(() -> {
            Map<String, Object> none = new LinkedHashMap<>();
            none.put("storageGB", 0);
            none.put("egressGBPerMonth", 0);
            none.put("egressCapacityGBPerMonth", 0);
            none.put("costs", null);
            return none;
        }));
    }

    private void setPledge(ServerRequest req, ServerResponse res) {
        auth.requireRole(req, Role.ADMIN);
        JsonNode body;
        try {
            body = json.mapper().readTree(JsonIo.readCapped(req, 64 * 1024));
        } catch (IOException e) {
            throw Problem.badRequest("The body must be JSON: " + e.getMessage());
        }
        json.ok(res, pledges.toJson(pledges.set(body), false));
    }

    private void pressure(ServerRequest req, ServerResponse res) {
        String query = req.query().rawValue();
        String target = req.path().absolute().rawPath() + (query == null || query.isEmpty() ? "" : "?" + query);
        Function<String, String> header = name -> req.headers().first(HeaderNames.create(name)).orElse(null);
        Actor signer;
        try {
            signer = signed.signer(target, header);
        } catch (SignedRequests.Unsigned e) {
            throw new Problem(401, "unsigned", "Origin pressure is answered only to requests HTTP-signed by a pool member's instance actor: " + e.getMessage());
        }
        if (!"Application".equals(signer.type())) {
            throw Problem.forbidden("Origin pressure is answered only to instance actors; " + signer.url() + " is a " + signer.type());
        }
        if (pledges.of(signer.host()).isEmpty() && clock.millis() - signer.fetchedAt() > REFRESH_AFTER_MS) signed.refresh(signer);
        if (pledges.of(signer.host()).isEmpty()) {
            throw Problem.forbidden("Origin pressure is answered only to instances that pledge capacity; " + signer.host() + " publishes no pledge");
        }
        Pressure.Report r = pressure.ours();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", base + req.path().absolute().rawPath());
        out.put("host", r.host());
        out.put("capacityBytesPerHour", r.capacityBytesPerHour());
        out.put("egressBytesPerHour", r.egressBytesPerHour());
        out.put("hours", r.hours());
        out.put("videos", r.videos());
        json.ok(res, out);
    }
}
