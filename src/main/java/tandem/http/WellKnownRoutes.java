package tandem.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import tandem.core.Problem;
import tandem.federation.document.Discovery;

import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/** WebFinger, NodeInfo (both links) and host-meta: how other servers find our actors. */
public final class WellKnownRoutes implements HttpService {
    private final Discovery discovery;
    private final Supplier<byte[]> nodeinfo;

    /** @param nodeinfo builds the NodeInfo document with current usage figures */
    public WellKnownRoutes(Discovery discovery, Supplier<byte[]> nodeinfo) {
        this.discovery = discovery;
        this.nodeinfo = nodeinfo;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/.well-known/webfinger", this::webfinger)
             .get("/.well-known/nodeinfo", (req, res) -> send(res, "application/json; charset=utf-8", discovery.nodeinfoLinks().toString()))
             .get("/nodeinfo/2.0.json", this::nodeinfo)
             .get("/nodeinfo/2.0", this::nodeinfo)
             .get("/.well-known/host-meta", (req, res) -> send(res, "application/xrd+xml; charset=utf-8", discovery.hostMeta()));
    }

    private void nodeinfo(ServerRequest req, ServerResponse res) {
        res.header(HeaderNames.CONTENT_TYPE, "application/json; profile=\"" + Discovery.NODEINFO_SCHEMA + "#\"; charset=utf-8");
        res.send(nodeinfo.get());
    }

    private void webfinger(ServerRequest req, ServerResponse res) {
        String resource = Params.get(req, "resource");
        if (resource == null) throw Problem.badRequest("resource is required (acct:name@host)");
        var jrd = discovery.webfinger(resource).orElseThrow(() -> Problem.notFound("No actor for " + resource + " on this instance"));
        send(res, "application/jrd+json; charset=utf-8", jrd.toString());
    }

    private static void send(ServerResponse res, String type, String body) {
        res.header(HeaderNames.CONTENT_TYPE, type);
        res.send(body.getBytes(StandardCharsets.UTF_8));
    }
}
