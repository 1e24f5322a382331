package tandem.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import tandem.account.OAuthClient;
import tandem.account.OAuthService;
import tandem.account.TokenPair;
import tandem.core.Problem;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** OAuth endpoints exactly as PeerTube clients call them. */
public final class AuthRoutes implements HttpService {
    private final OAuthService oauth;
    private final ClientAddress clientAddress;
    private final JsonIo json;
    private final Auth auth;
    private final String publicHost;

    public AuthRoutes(OAuthService oauth, ClientAddress clientAddress, JsonIo json, Auth auth, String publicHost) {
        this.oauth = oauth;
        this.clientAddress = clientAddress;
        this.json = json;
        this.auth = auth;
        this.publicHost = publicHost;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/oauth-clients/local", this::localClient)
             .post("/users/token", this::token)
             .post("/users/revoke-token", this::revoke);
    }

    /** PeerTube refuses this unless Host is the configured one, so tokens are not minted for other names. */
    private void localClient(ServerRequest req, ServerResponse res) {
        String host = req.headers().first(HeaderNames.HOST).orElse("");
        if (!host.equalsIgnoreCase(publicHost)) {
            throw Problem.forbidden("Getting client tokens for host " + host + " is forbidden");
        }
        OAuthClient c = oauth.localClient();
        json.ok(res, Map.of("client_id", c.clientId(), "client_secret", c.clientSecret()));
    }

    private void token(ServerRequest req, ServerResponse res) {
        String type = req.headers().first(HeaderNames.CONTENT_TYPE).orElse("");
        if (!type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            throw new Problem(400, "invalid_request", "Invalid request: content must be application/x-www-form-urlencoded");
        }
        Map<String, String> form = parseForm(new String(JsonIo.readCapped(req, 16 * 1024), StandardCharsets.UTF_8));
        String grant = form.get("grant_type");
        TokenPair t;
        if ("password".equals(grant)) {
            t = oauth.passwordGrant(form.get("client_id"), form.get("client_secret"), form.get("username"), form.get("password"),
                    clientAddress.of(req));
        } else if ("refresh_token".equals(grant)) {
            t = oauth.refreshGrant(form.get("client_id"), form.get("client_secret"), form.get("refresh_token"));
        } else {
            throw new Problem(400, "unsupported_grant_type", "Unsupported grant type: " + grant);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token_type", "Bearer");
        body.put("access_token", t.accessToken());
        body.put("refresh_token", t.refreshToken());
        body.put("expires_in", t.expiresIn());
        body.put("refresh_token_expires_in", t.refreshExpiresIn());
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.header(HeaderNames.PRAGMA, "no-cache");
        json.ok(res, body);
    }

    private void revoke(ServerRequest req, ServerResponse res) {
        auth.require(req);
        String token = req.headers().first(HeaderNames.AUTHORIZATION).orElseThrow().substring(7).trim();
        oauth.revoke(token);
        json.ok(res, Map.of());
    }

    static Map<String, String> parseForm(String body) {
        Map<String, String> m = new HashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            try {
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                m.putIfAbsent(k, v);
            } catch (IllegalArgumentException e) {
                throw new Problem(400, "invalid_request", "Invalid request: malformed form encoding");
            }
        }
        return m;
    }
}
