package tandem.http;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import tandem.account.Role;
import tandem.core.Problem;
import tandem.mirror.MirrorHosts;

/** The admin API of mirrors, PeerTube's redundancy: whether a followed instance's videos may be mirrored. */
public final class MirrorAdminRoutes implements HttpService {
    private final MirrorHosts hosts;
    private final JsonIo json;
    private final Auth auth;

    public MirrorAdminRoutes(MirrorHosts hosts, JsonIo json, Auth auth) {
        this.hosts = hosts;
        this.json = json;
        this.auth = auth;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.put("/server/redundancy/{host}", this::allow);
    }

    private void allow(ServerRequest req, ServerResponse res) {
        auth.requireRole(req, Role.ADMIN);
        if (!(json.readObject(req).get("redundancyAllowed") instanceof Boolean allowed)) {
            throw Problem.invalidParam("redundancyAllowed", "Should be true or false");
        }
        hosts.allow(Params.pathParam(req, "host"), allowed);
        res.status(204).send();
    }
}
