package tandem.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import tandem.account.OAuthService;
import tandem.account.Role;
import tandem.account.User;
import tandem.core.Problem;

import java.util.Optional;

/** Resolves the bearer token of a request to a user. */
public final class Auth {
    private final OAuthService oauth;

    public Auth(OAuthService oauth) {
        this.oauth = oauth;
    }

    /** The user when a valid token is present; a present but invalid token is an error, not anonymity. */
    public Optional<User> optional(ServerRequest req) {
        return token(req).map(t -> oauth.authenticate(t)
                .orElseThrow(() -> Problem.unauthorized("Invalid token: access token is invalid or expired")));
    }

    /** The request's bearer token, unchecked; a malformed Authorization header is an error. */
    public Optional<String> token(ServerRequest req) {
        Optional<String> header = req.headers().first(HeaderNames.AUTHORIZATION);
        if (header.isEmpty()) return Optional.empty();
        String h = header.get().trim();
        if (!h.regionMatches(true, 0, "Bearer ", 0, 7)) throw Problem.unauthorized("Invalid token: authorization header must be a Bearer token");
        return Optional.of(h.substring(7).trim());
    }

    public User require(ServerRequest req) {
        return optional(req).orElseThrow(() -> Problem.unauthorized("Unauthorized: a Bearer token is required"));
    }

    public User requireRole(ServerRequest req, Role role) {
        User u = require(req);
        if (u.role() != Role.ADMIN && u.role() != role) throw Problem.forbidden("User has not the right to do this");
        return u;
    }
}
