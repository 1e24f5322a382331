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

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Comments, ratings and views, at PeerTube's paths and in its JSON shapes. */
public final class SocialRoutes implements HttpService {
    private final CommentService comments;
    private final EngagementService engagement;
    private final VideoService videos;
    private final CommentToDto dto;
    private final JsonIo json;
    private final Auth auth;
    private final ClientAddress clientAddress;

    public SocialRoutes(CommentService comments, EngagementService engagement, VideoService videos, CommentToDto dto, JsonIo json, Auth auth,
                        ClientAddress clientAddress) {
        this.comments = comments;
        this.engagement = engagement;
        this.videos = videos;
        this.dto = dto;
        this.json = json;
        this.auth = auth;
        this.clientAddress = clientAddress;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/videos/{id}/comment-threads", this::threads)
             .post("/videos/{id}/comment-threads", this::createThread)
             .get("/videos/{id}/comment-threads/{threadId}", this::thread)
             .post("/videos/{id}/comments/{commentId}", this::reply)
             .delete("/videos/{id}/comments/{commentId}", this::delete)
             .post("/videos/{id}/comments/{commentId}/approve", this::approve)
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
        json.ok(res, dto.threads(page, comments.notDeleted(viewer, id)));
    }

    private void thread(ServerRequest req, ServerResponse res) {
        json.ok(res, dto.tree(comments.thread(auth.optional(req), Params.pathParam(req, "id"), Params.longPath(req, "threadId"))));
    }

    private void createThread(ServerRequest req, ServerResponse res) {
        json.ok(res, dto.created(comments.createThread(auth.require(req), Params.pathParam(req, "id"), text(req))));
    }

    private void reply(ServerRequest req, ServerResponse res) {
        json.ok(res, dto.created(comments.reply(auth.require(req), Params.pathParam(req, "id"), Params.longPath(req, "commentId"), text(req))));
    }

    private void delete(ServerRequest req, ServerResponse res) {
        comments.delete(auth.require(req), Params.pathParam(req, "id"), Params.longPath(req, "commentId"));
        res.status(204).send();
    }

    private void approve(ServerRequest req, ServerResponse res) {
        comments.approve(auth.require(req), Params.pathParam(req, "id"), Params.longPath(req, "commentId"));
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
        engagement.view(viewer, clientAddress.of(req).getHostAddress(), Params.pathParam(req, "id"), n.doubleValue());
        res.status(204).send();
    }

    private String text(ServerRequest req) {
        Object text = json.readObject(req).get("text");
        return text instanceof String s ? s : null;
    }
}
