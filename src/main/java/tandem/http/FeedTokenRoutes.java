package tandem.http;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import tandem.account.FeedTokens;

import java.util.Map;

/** PeerTube's `/api/v1/users/scoped-tokens`: the signed-in user's feed token, read or renewed. */
public final class FeedTokenRoutes implements HttpService {
    private final FeedTokens tokens;
    private final JsonIo json;
    private final Auth auth;

    public FeedTokenRoutes(FeedTokens tokens, JsonIo json, Auth auth) {
        this.tokens = tokens;
        this.json = json;
        this.auth = auth;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/users/scoped-tokens", (req, res) -> json.ok(res, Map.of("feedToken", tokens.of(auth.require(req)))))
             .post("/users/scoped-tokens", (req, res) -> json.ok(res, Map.of("feedToken", tokens.renew(auth.require(req)))));
    }
}
