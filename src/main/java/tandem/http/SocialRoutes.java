package tandem.http;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import tandem.account.User;
import tandem.core.Page;
import tandem.core.PageRequest;
import tandem.core.Problem;
import tandem.video.Comment;
import tandem.video.CommentService;
import tandem.video.EngagementService;
import tandem.video.Video;
import tandem.video.VideoService;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Comments, ratings and views, at PeerTube's paths and in its JSON shapes. */
public final class SocialRoutes implements HttpService {
    private final CommentService comments;
    private final EngagementService engagement;
    private final VideoService videos;
    private final ActorToDto actors;
    private final Urls urls;
    private final JsonIo json;
    private final Auth auth;

    public SocialRoutes(CommentService comments, EngagementService engagement, VideoService videos, ActorToDto actors, Urls urls,
                        JsonIo json, Auth auth) {
        this.comments = comments;
        this.engagement = engagement;
        this.videos = videos;
        this.actors = actors;
        this.urls = urls;
        this.json = json;
        this.auth = auth;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/videos/{id}/comment-threads", this::threads)
             .post("/videos/{id}/comment-threads", this::createThread)
             .get("/videos/{id}/comment-threads/{threadId}", this::thread)
             .post("/videos/{id}/comments/{commentId}", this::reply)
             .delete("/videos/{id}/comments/{commentId}", this::delete)
             .put("/videos/{id}/rate", this::rate)
             .get("/users/me/videos/{id}/rating", this::rating)
             .post("/videos/{id}/views", this::view)
             .put("/videos/{id}/views", this::view)
             .post("/videos/{id}/watching", this::view)
             .put("/videos/{id}/watching", this::view);
    }

    private void threads(ServerRequest req, ServerResponse res) {
        Optional<User> viewer = auth.optional(req);
        String id = Params.pathParam(req, "id");
        PageRequest p = PageRequest.parse(Params.get(req, "start"), Params.get(req, "count"), Params.get(req, "sort"), "-createdAt",
                Set.of("createdAt", "totalReplies"));
        Page<Comment> page = comments.threads(viewer, id, p.start(), p.count(), p.descending());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total", page.total());
        body.put("totalNotDeletedComments", comments.notDeleted(viewer, id));
        body.put("data", page.data().stream().map(c -> dto(id, c)).toList());
        json.ok(res, body);
    }

    private void thread(ServerRequest req, ServerResponse res) {
        String id = Params.pathParam(req, "id");
        json.ok(res, tree(id, comments.thread(auth.optional(req), id, Params.longPath(req, "threadId"))));
    }

    private Map<String, Object> tree(String videoId, CommentService.Tree t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("comment", dto(videoId, t.comment()));
        m.put("children", t.children().stream().map(c -> tree(videoId, c)).toList());
        return m;
    }

    private void createThread(ServerRequest req, ServerResponse res) {
        User u = auth.require(req);
        String id = Params.pathParam(req, "id");
        Comment c = comments.createThread(u, id, text(req));
        json.ok(res, Map.of("comment", dto(id, c)));
    }

    private void reply(ServerRequest req, ServerResponse res) {
        User u = auth.require(req);
        String id = Params.pathParam(req, "id");
        Comment c = comments.reply(u, id, Params.longPath(req, "commentId"), text(req));
        json.ok(res, Map.of("comment", dto(id, c)));
    }

    private void delete(ServerRequest req, ServerResponse res) {
        comments.delete(auth.require(req), Params.pathParam(req, "id"), Params.longPath(req, "commentId"));
        res.status(204).send();
    }

    private void rate(ServerRequest req, ServerResponse res) {
        User u = auth.require(req);
        Object rating = json.readObject(req).get("rating");
        engagement.rate(u, Params.pathParam(req, "id"), rating instanceof String s ? s : null);
        res.status(204).send();
    }

    private void rating(ServerRequest req, ServerResponse res) {
        User u = auth.require(req);
        Video v = videos.visible(Optional.of(u), Params.pathParam(req, "id"));
        json.ok(res, Map.of("videoId", v.id(), "rating", engagement.ratingOf(u, v.id())));
    }

    private void view(ServerRequest req, ServerResponse res) {
        Optional<User> viewer = auth.optional(req);
        Object currentTime = json.readObject(req).get("currentTime");
        if (!(currentTime instanceof Number n)) throw Problem.invalidParam("currentTime", "Should have a valid current time");
        engagement.view(viewer, Auth.clientIp(req), Params.pathParam(req, "id"), n.doubleValue());
        res.status(204).send();
    }

    private String text(ServerRequest req) {
        Object text = json.readObject(req).get("text");
        return text instanceof String s ? s : null;
    }

    private Map<String, Object> dto(String videoId, Comment c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("url", urls.base() + "/videos/watch/" + videoId + "/comments/" + c.id());
        m.put("text", c.text());
        m.put("threadId", c.threadId());
        m.put("inReplyToCommentId", c.inReplyTo());
        m.put("videoId", c.videoId());
        m.put("createdAt", Instant.ofEpochMilli(c.createdAt()));
        m.put("updatedAt", Instant.ofEpochMilli(c.updatedAt()));
        m.put("deletedAt", c.deletedAt() == null ? null : Instant.ofEpochMilli(c.deletedAt()));
        m.put("isDeleted", c.deleted());
        m.put("totalReplies", c.totalReplies());
        m.put("totalRepliesFromVideoAuthor", 0);
        m.put("heldForReview", false);
        m.put("account", c.deleted() ? null : actors.accountSummary(c.account()));
        return m;
    }
}
