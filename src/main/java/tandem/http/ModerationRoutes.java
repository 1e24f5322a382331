package tandem.http;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import tandem.account.Role;
import tandem.account.User;
import tandem.core.Page;
import tandem.core.PageRequest;
import tandem.core.Problem;
import tandem.video.moderation.Abuse;
import tandem.video.moderation.AbuseFilter;
import tandem.video.moderation.AbuseMessages;
import tandem.video.moderation.AbuseReport;
import tandem.video.moderation.AbuseState;
import tandem.video.moderation.Abuses;
import tandem.video.moderation.CommentListing;
import tandem.video.moderation.VideoBlocks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * PeerTube's moderation API: abuse reports (`/abuses`, `/users/me/abuses`) and their conversations
 * (`/abuses/{id}/messages`), the video blocklist
 * (`/videos/{id}/blacklist`, `/videos/blacklist`) and every comment for moderators (`/videos/comments`).
 * Registered before the video routes, whose `/videos/{id}` would otherwise take `/videos/blacklist`.
 */
public final class ModerationRoutes implements HttpService {
    private final Abuses abuses;
    private final AbuseMessages messages;
    private final VideoBlocks blocks;
    private final CommentListing comments;
    private final AbuseToDto dto;
    private final VideoToDto videoDto;
    private final JsonIo json;
    private final Auth auth;

    public ModerationRoutes(Abuses abuses, AbuseMessages messages, VideoBlocks blocks, CommentListing comments, AbuseToDto dto, VideoToDto videoDto, JsonIo json, Auth auth) {
        this.abuses = abuses;
        this.messages = messages;
        this.blocks = blocks;
        this.comments = comments;
        this.dto = dto;
        this.videoDto = videoDto;
        this.json = json;
        this.auth = auth;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/abuses", this::report)
             .get("/abuses", (req, res) -> {
                 auth.requireRole(req, Role.MODERATOR);
                 PageRequest p = page(req);
                 writeAbuses(res, abuses.list(filter(req), p.start(), p.count()));
             })
             .put("/abuses/{id}", this::update)
             .delete("/abuses/{id}", (req, res) -> {
                 auth.requireRole(req, Role.MODERATOR);
                 abuses.delete(Params.longPath(req, "id"));
                 res.status(204).send();
             })
             .get("/users/me/abuses", (req, res) -> {
                 User u = auth.require(req);
                 PageRequest p = page(req);
                 writeAbuses(res, abuses.reportedBy(u.accountId(), ownFilter(req), p.start(), p.count()));
             })
             .get("/abuses/{id}/messages", (req, res) -> {
                 var list = messages.list(auth.require(req), Params.longPath(req, "id"));
                 json.ok(res, Map.of("total", list.size(), "data", list.stream().map(dto::message).toList()));
             })
             .post("/abuses/{id}/messages", (req, res) -> {
                 User u = auth.require(req);
                 long abuseId = Params.longPath(req, "id");
                 long id = messages.add(u, abuseId, Params.text(json.readObject(req).get("message"), "message"));
                 json.ok(res, Map.of("abuseMessage", Map.of("id", id)));
             })
             .delete("/abuses/{id}/messages/{messageId}", (req, res) -> {
                 User u = auth.require(req);
                 messages.delete(u, Params.longPath(req, "id"), Params.longPath(req, "messageId"));
                 res.status(204).send();
             })
             .get("/videos/blacklist", this::blocked)
             .post("/videos/{id}/blacklist", (req, res) -> {
                 auth.requireRole(req, Role.MODERATOR);
                 Map<String, Object> body = json.readObject(req);
                 Object unfederate = body.get("unfederate");
                 if (unfederate != null && !(unfederate instanceof Boolean)) throw Problem.invalidParam("unfederate", "Should be true or false");
                 blocks.block(Params.pathParam(req, "id"), Params.text(body.get("reason"), "reason"), Boolean.TRUE.equals(unfederate));
                 res.status(204).send();
             })
             .delete("/videos/{id}/blacklist", (req, res) -> {
                 auth.requireRole(req, Role.MODERATOR);
                 blocks.unblock(Params.pathParam(req, "id"));
                 res.status(204).send();
             })
             .get("/videos/comments", this::allComments);
    }

    private static PageRequest page(ServerRequest req) {
        return PageRequest.parse(Params.get(req, "start"), Params.get(req, "count"), null, "-createdAt", Set.of("createdAt"));
    }

    private static AbuseState state(ServerRequest req) {
        Integer id = Params.intValue(Params.get(req, "state"), "state");
        if (id == null) return null;
        AbuseState s = AbuseState.byId(id);
        if (s == null) throw Problem.invalidParam("state", "Should be 1 (pending), 2 (rejected) or 3 (accepted)");
        return s;
    }

    /** The moderators' filters, as PeerTube's `GET /abuses` query names them. */
    private static AbuseFilter filter(ServerRequest req) {
        return new AbuseFilter(Params.longValue(Params.get(req, "id"), "id"), state(req), Params.get(req, "filter"), Params.get(req, "predefinedReason"),
                Params.get(req, "videoIs"), Params.get(req, "search"), Params.get(req, "searchReporter"), Params.get(req, "searchReportee"),
                Params.get(req, "searchVideo"), Params.get(req, "searchVideoChannel"), null);
    }

    /** A reporter's filters on their own reports (`/users/me/abuses`): `id`, `search` and `state`, as PeerTube has them. */
    private static AbuseFilter ownFilter(ServerRequest req) {
        return new AbuseFilter(Params.longValue(Params.get(req, "id"), "id"), state(req), null, null, null, Params.get(req, "search"), null, null,
                null, null, null);
    }

    private void writeAbuses(ServerResponse res, Page<Abuse> page) {
        json.ok(res, Map.of("total", page.total(), "data", page.data().stream().map(dto::abuse).toList()));
    }

    private void report(ServerRequest req, ServerResponse res) {
        User u = auth.require(req);
        Map<String, Object> body = json.readObject(req);
        Map<String, Object> video = object(body, "video");
        Map<String, Object> comment = object(body, "comment");
        Map<String, Object> account = object(body, "account");
        Object videoId = video == null ? null : video.get("id");
        if (video != null && !(videoId instanceof String || videoId instanceof Number)) throw Problem.invalidParam("video.id", "Should have a valid video id");
        AbuseReport r = new AbuseReport(Params.text(body.get("reason"), "reason"), reasons(body.get("predefinedReasons")),
                videoId == null ? null : String.valueOf(videoId),
                video == null ? null : Params.intValue(video.get("startAt"), "video.startAt"),
                video == null ? null : Params.intValue(video.get("endAt"), "video.endAt"),
                comment == null ? null : required(comment.get("id"), "comment.id"),
                account == null ? null : required(account.get("id"), "account.id"));
        long id = abuses.report(u, r);
        json.ok(res, Map.of("abuse", Map.of("id", id)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Map<String, Object> body, String name) {
        Object v = body.get(name);
        if (v == null) return null;
        if (!(v instanceof Map<?, ?> m)) throw Problem.invalidParam(name, "Should be an object with an id");
        return (Map<String, Object>) m;
    }

    private static Long required(Object v, String name) {
        Long l = Params.longValue(v, name);
        if (l == null) throw Problem.invalidParam(name, "Should have a valid " + name);
        return l;
    }

    private static List<String> reasons(Object v) {
        if (v == null) return null;
        if (!(v instanceof List<?> l) || l.stream().anyMatch(x -> !(x instanceof String))) {
            throw Problem.invalidParam("predefinedReasons", "Should be a list of reasons");
        }
        List<String> out = new ArrayList<>();
        for (Object x : l) out.add((String) x);
        return out;
    }

    private void update(ServerRequest req, ServerResponse res) {
        auth.requireRole(req, Role.MODERATOR);
        Map<String, Object> body = json.readObject(req);
        Integer stateId = Params.intValue(body.get("state"), "state");
        AbuseState state = stateId == null ? null : AbuseState.byId(stateId);
        if (stateId != null && state == null) throw Problem.invalidParam("state", "Should be 1 (pending), 2 (rejected) or 3 (accepted)");
        abuses.update(Params.longPath(req, "id"), state, Params.text(body.get("moderationComment"), "moderationComment"));
        res.status(204).send();
    }

    private void blocked(ServerRequest req, ServerResponse res) {
        auth.requireRole(req, Role.MODERATOR);
        PageRequest p = page(req);
        var page = blocks.list(p.start(), p.count());
        List<Map<String, Object>> data = page.data().stream().map(b -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", b.block().videoId());
            m.put("videoId", b.block().videoId());
            m.put("reason", b.block().reason());
            m.put("unfederated", b.block().unfederated());
            m.put("createdAt", Instant.ofEpochMilli(b.block().createdAt()));
            m.put("updatedAt", Instant.ofEpochMilli(b.block().createdAt()));
            m.put("video", videoDto.summary(b.video()));
            return m;
        }).toList();
        json.ok(res, Map.of("total", page.total(), "data", data));
    }

    private void allComments(ServerRequest req, ServerResponse res) {
        auth.requireRole(req, Role.MODERATOR);
        PageRequest p = page(req);
        var filter = new CommentListing.Filter(Params.bool(req, "isLocal"), Params.get(req, "search"), Params.get(req, "searchAccount"),
                Params.get(req, "searchVideo"));
        var page = comments.list(filter, p.start(), p.count());
        json.ok(res, Map.of("total", page.total(), "data", page.data().stream().map(dto::listedComment).toList()));
    }
}
