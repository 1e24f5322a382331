package tandem.http;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import tandem.account.AccountService;
import tandem.account.NewUser;
import tandem.account.Role;
import tandem.account.User;
import tandem.core.PageRequest;
import tandem.core.Problem;
import tandem.video.VideoService;

import java.util.Map;
import java.util.Set;

/** `/api/v1/users…`: the current user, quota usage, and admin user management. */
public final class UserRoutes implements HttpService {
    private final AccountService accounts;
    private final VideoService videos;
    private final UserToDto dto;
    private final JsonIo json;
    private final Auth auth;

    public UserRoutes(AccountService accounts, VideoService videos, UserToDto dto, JsonIo json, Auth auth) {
        this.accounts = accounts;
        this.videos = videos;
        this.dto = dto;
        this.json = json;
        this.auth = auth;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/users/me", (req, res) -> json.ok(res, dto.user(auth.require(req))))
             .get("/users/me/video-quota-used", this::quotaUsed)
             .get("/users", this::list)
             .post("/users", this::create)
             .get("/users/{id}", this::get);
    }

    private void quotaUsed(ServerRequest req, ServerResponse res) {
        User u = auth.require(req);
        json.ok(res, Map.of("videoQuotaUsed", videos.usedQuota(u, false), "videoQuotaUsedDaily", videos.usedQuota(u, true)));
    }

    private void list(ServerRequest req, ServerResponse res) {
        auth.requireRole(req, Role.ADMIN);
        PageRequest p = PageRequest.parse(Params.get(req, "start"), Params.get(req, "count"), Params.get(req, "sort"), "-createdAt",
                Set.of("id", "username", "createdAt"));
        json.ok(res, Map.of("total", accounts.countUsers(),
                "data", accounts.users(p.start(), p.count()).stream().map(dto::user).toList()));
    }

    private void get(ServerRequest req, ServerResponse res) {
        auth.requireRole(req, Role.ADMIN);
        long id;
        try {
            id = Long.parseLong(Params.pathParam(req, "id"));
        } catch (NumberFormatException e) {
            throw Problem.invalidParam("id", "Should have a valid id");
        }
        json.ok(res, dto.user(accounts.user(id).orElseThrow(() -> Problem.notFound("User not found"))));
    }

    private void create(ServerRequest req, ServerResponse res) {
        auth.requireRole(req, Role.ADMIN);
        Map<String, Object> body = json.readObject(req);
        Role role;
        try {
            role = Role.byId(Integer.parseInt(String.valueOf(body.getOrDefault("role", "2"))));
        } catch (IllegalArgumentException e) {
            throw Problem.invalidParam("role", "Should have a valid role");
        }
        User u = accounts.create(new NewUser(str(body, "username"), str(body, "password"), str(body, "email"), role,
                longOrNull(body, "videoQuota"), longOrNull(body, "videoQuotaDaily"), str(body, "channelName")));
        json.ok(res, Map.of("user", Map.of("id", u.id(), "account", Map.of("id", u.accountId()))));
    }

    private static String str(Map<String, Object> body, String key) {
        Object v = body.get(key);
        return v instanceof String s ? s : null;
    }

    private static Long longOrNull(Map<String, Object> body, String key) {
        Object v = body.get(key);
        if (v == null) return null;
        if (v instanceof Number n) return n.longValue();
        throw Problem.invalidParam(key, "Should have a valid " + key);
    }
}
