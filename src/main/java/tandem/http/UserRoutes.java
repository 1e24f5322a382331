package tandem.http;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import tandem.account.AccountService;
import tandem.account.NewUser;
import tandem.account.ProfileEditing;
import tandem.account.Role;
import tandem.account.User;
import tandem.account.UserAdministration;
import tandem.account.UserQuery;
import tandem.account.UserPreferences;
import tandem.account.UserUpdate;
import tandem.core.PageRequest;
import tandem.core.Problem;
import tandem.video.UserRemoval;
import tandem.video.VideoService;

import java.util.List;
import java.util.Map;

/** `/api/v1/users…`: the current user, quota usage, and admin user management. */
public final class UserRoutes implements HttpService {
    private final AccountService accounts;
    private final UserAdministration admin;
    private final UserRemoval removal;
    private final ProfileEditing profile;
    private final VideoService videos;
    private final UserToDto dto;
    private final JsonIo json;
    private final Auth auth;

    public UserRoutes(AccountService accounts, UserAdministration admin, UserRemoval removal, ProfileEditing profile, VideoService videos,
                      UserToDto dto, JsonIo json, Auth auth) {
        this.accounts = accounts;
        this.admin = admin;
        this.removal = removal;
        this.profile = profile;
        this.videos = videos;
        this.dto = dto;
        this.json = json;
        this.auth = auth;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/users/me", (req, res) -> json.ok(res, dto.user(auth.require(req))))
             .put("/users/me", this::updateMe)
             .get("/users/me/video-quota-used", this::quotaUsed)
             .get("/users", this::list)
             .post("/users", this::create)
             .get("/users/{id}", this::get)
             .put("/users/{id}", this::update)
             .delete("/users/{id}", this::remove)
             .post("/users/{id}/block", this::block)
             .post("/users/{id}/unblock", this::unblock);
    }

    private void quotaUsed(ServerRequest req, ServerResponse res) {
        User u = auth.require(req);
        json.ok(res, Map.of("videoQuotaUsed", videos.usedQuota(u, false), "videoQuotaUsedDaily", videos.usedQuota(u, true)));
    }

    /**
     * The signed-in user's own profile, password, e-mail and settings (NSFW policy, autoplay, P2P, video
     * languages, and our `language` and `theme`); an absent field keeps its value.
     */
    private void updateMe(ServerRequest req, ServerResponse res) {
        User me = auth.require(req);
        Map<String, Object> body = json.readObject(req);
        UserPreferences old = me.preferences();
        Boolean autoPlay = Params.boolValue(body.get("autoPlayVideo"), "autoPlayVideo");
        Boolean autoPlayNext = Params.boolValue(body.get("autoPlayNextVideo"), "autoPlayNextVideo");
        UserPreferences prefs = new UserPreferences(Params.text(body.get("nsfwPolicy"), "nsfwPolicy"),
                Params.boolValue(body.get("p2pEnabled"), "p2pEnabled"),
                autoPlay == null ? old.autoPlayVideo() : autoPlay, autoPlayNext == null ? old.autoPlayNextVideo() : autoPlayNext,
                body.containsKey("videoLanguages") && body.get("videoLanguages") == null ? List.of() : Params.texts(body.get("videoLanguages"), "videoLanguages"),
                Params.clearableText(body, "language"), Params.text(body.get("theme"), "theme"));
        profile.update(me, auth.token(req).orElseThrow(), new ProfileEditing.Changes(Params.text(body.get("displayName"), "displayName"),
                Params.clearableText(body, "description"), Params.text(body.get("currentPassword"), "currentPassword"),
                Params.text(body.get("password"), "password"), Params.text(body.get("email"), "email"), prefs));
        res.status(204).send();
    }

    /** Admins and moderators list users, as PeerTube's MANAGE_USERS right allows; `search` and `blocked` filter. */
    private void list(ServerRequest req, ServerResponse res) {
        auth.requireRole(req, Role.MODERATOR);
        PageRequest p = PageRequest.parse(Params.get(req, "start"), Params.get(req, "count"), Params.get(req, "sort"), "-createdAt",
                UserQuery.SORTABLE);
        String search = Params.get(req, "search");
        UserQuery q = new UserQuery(search == null || search.isBlank() ? null : search, Params.bool(req, "blocked"), p);
        json.ok(res, Map.of("total", accounts.countUsers(q), "data", accounts.users(q).stream().map(dto::user).toList()));
    }

    private void get(ServerRequest req, ServerResponse res) {
        auth.requireRole(req, Role.MODERATOR);
        json.ok(res, dto.user(accounts.user(Params.longPath(req, "id")).orElseThrow(() -> Problem.notFound("User not found"))));
    }

    private void update(ServerRequest req, ServerResponse res) {
        User actor = auth.requireRole(req, Role.MODERATOR);
        long id = Params.longPath(req, "id");
        Map<String, Object> body = json.readObject(req);
        Integer roleId = Params.intValue(body.get("role"), "role");
        admin.update(actor, id, new UserUpdate(Params.text(body.get("email"), "email"), Params.text(body.get("password"), "password"), roleId == null ? null : role(roleId),
                Params.longValue(body.get("videoQuota"), "videoQuota"), Params.longValue(body.get("videoQuotaDaily"), "videoQuotaDaily")));
        res.status(204).send();
    }

    private void remove(ServerRequest req, ServerResponse res) {
        removal.remove(auth.requireRole(req, Role.MODERATOR), Params.longPath(req, "id"));
        res.status(204).send();
    }

    private void block(ServerRequest req, ServerResponse res) {
        User actor = auth.requireRole(req, Role.MODERATOR);
        long id = Params.longPath(req, "id");
        admin.block(actor, id, Params.text(json.readObject(req).get("reason"), "reason"));
        res.status(204).send();
    }

    private void unblock(ServerRequest req, ServerResponse res) {
        admin.unblock(auth.requireRole(req, Role.MODERATOR), Params.longPath(req, "id"));
        res.status(204).send();
    }

    private static Role role(Integer id) {
        if (id == null) throw Problem.invalidParam("role", "Should have a valid role");
        try {
            return Role.byId(id);
        } catch (IllegalArgumentException e) {
            throw Problem.invalidParam("role", "Should have a valid role");
        }
    }

    private void create(ServerRequest req, ServerResponse res) {
        auth.requireRole(req, Role.ADMIN);
        Map<String, Object> body = json.readObject(req);
        Role role = role(Params.intValue(body.getOrDefault("role", Role.USER.id), "role"));
        User u = accounts.create(new NewUser(Params.text(body.get("username"), "username"), Params.text(body.get("password"), "password"),
                Params.text(body.get("email"), "email"), role,
                Params.longValue(body.get("videoQuota"), "videoQuota"), Params.longValue(body.get("videoQuotaDaily"), "videoQuotaDaily"),
                Params.text(body.get("channelName"), "channelName")));
        json.ok(res, Map.of("user", Map.of("id", u.id(), "account", Map.of("id", u.accountId()))));
    }
}
