package tandem.http;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import tandem.account.Channel;
import tandem.account.SubscriptionService;
import tandem.account.User;
import tandem.core.Problem;
import tandem.video.VideoService;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** `/users/me/subscriptions…` as PeerTube's clients call them. */
public final class SubscriptionRoutes implements HttpService {
    private final SubscriptionService subscriptions;
    private final VideoService videos;
    private final VideoRoutes videoRoutes;
    private final ActorToDto actors;
    private final JsonIo json;
    private final Auth auth;

    public SubscriptionRoutes(SubscriptionService subscriptions, VideoService videos, VideoRoutes videoRoutes, ActorToDto actors,
                              JsonIo json, Auth auth) {
        this.subscriptions = subscriptions;
        this.videos = videos;
        this.videoRoutes = videoRoutes;
        this.actors = actors;
        this.json = json;
        this.auth = auth;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/users/me/subscriptions", this::list)
             .post("/users/me/subscriptions", this::subscribe)
             .get("/users/me/subscriptions/exist", this::exist)
             .get("/users/me/subscriptions/videos", this::videos)
             .get("/users/me/subscriptions/{handle}", this::one)
             .delete("/users/me/subscriptions/{handle}", this::unsubscribe);
    }

    private void list(ServerRequest req, ServerResponse res) {
        List<Channel> list = subscriptions.subscriptions(auth.require(req));
        json.ok(res, Map.of("total", list.size(), "data", list.stream().map(actors::channel).toList()));
    }

    private void subscribe(ServerRequest req, ServerResponse res) {
        User u = auth.require(req);
        Object uri = json.readObject(req).get("uri");
        subscriptions.subscribe(u, uri instanceof String s ? s : null);
        res.status(204).send();
    }

    private void exist(ServerRequest req, ServerResponse res) {
        User u = auth.require(req);
        Map<String, Boolean> out = new LinkedHashMap<>();
        List<String> uris = Params.list(req, "uris");
        if (uris.isEmpty()) throw Problem.invalidParam("uris", "Should have a valid array of URIs");
        for (String uri : uris) out.put(uri, subscriptions.isSubscribed(u, uri));
        json.ok(res, out);
    }

    private void videos(ServerRequest req, ServerResponse res) {
        User u = auth.require(req);
        videoRoutes.writeList(res, videos.list(VideoRoutes.query(req, null, null, null).subscribedBy(u.accountId()).seenBy(u.accountId())));
    }

    private void one(ServerRequest req, ServerResponse res) {
        User u = auth.require(req);
        String handle = Params.pathParam(req, "handle");
        json.ok(res, actors.channel(subscriptions.subscription(u, handle)
                .orElseThrow(() -> Problem.notFound("Subscription to " + handle + " not found"))));
    }

    private void unsubscribe(ServerRequest req, ServerResponse res) {
        subscriptions.unsubscribe(auth.require(req), Params.pathParam(req, "handle"));
        res.status(204).send();
    }
}
