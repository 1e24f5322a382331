package tandem.http;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import tandem.account.Account;
import tandem.account.AccountService;
import tandem.account.ActorName;
import tandem.account.Channel;
import tandem.account.ChannelEditing;
import tandem.account.ChannelSearch;
import tandem.account.Follower;
import tandem.account.SubscriptionService;
import tandem.account.User;
import tandem.core.Page;
import tandem.core.PageRequest;
import tandem.core.Problem;
import tandem.video.VideoService;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Channels and accounts by handle (`name`, `name@our-host`, or `name@their-host` for remote ones we
 * know), their videos and followers, and the channel search ({@link ChannelSearch}).
 */
public final class ChannelRoutes implements HttpService {
    private final AccountService accounts;
    private final ChannelEditing editing;
    private final ChannelSearch search;
    private final SubscriptionService subscriptions;
    private final VideoService videos;
    private final ActorToDto actors;
    private final VideoRoutes videoRoutes;
    private final JsonIo json;
    private final Auth auth;
    private final Urls urls;

    public ChannelRoutes(AccountService accounts, ChannelEditing editing, ChannelSearch search, SubscriptionService subscriptions,
                         VideoService videos, ActorToDto actors, VideoRoutes videoRoutes, JsonIo json, Auth auth, Urls urls) {
        this.accounts = accounts;
        this.editing = editing;
        this.search = search;
        this.subscriptions = subscriptions;
        this.videos = videos;
        this.actors = actors;
        this.videoRoutes = videoRoutes;
        this.json = json;
        this.auth = auth;
        this.urls = urls;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/video-channels/{handle}", (req, res) -> json.ok(res, actors.channel(channel(req))))
             .put("/video-channels/{handle}", this::update)
             .post("/video-channels", this::create)
             .delete("/video-channels/{handle}", (req, res) -> {
                 editing.delete(auth.require(req), Params.pathParam(req, "handle"));
                 res.status(io.helidon.http.Status.NO_CONTENT_204).send();
             })
             .get("/video-channels/{handle}/videos", (req, res) ->
                     videoRoutes.writeList(res, videos.list(videoRoutes.seenBy(req, VideoRoutes.query(req, channel(req).id(), null, null)))))
             .get("/video-channels/{handle}/followers", (req, res) -> {
                 User user = auth.require(req);
                 writeFollowers(res, subscriptions.followers(user, channel(req), followerPage(req), Params.get(req, "search")));
             })
             .get("/accounts/{name}", (req, res) -> json.ok(res, actors.account(account(req))))
             .get("/accounts/{name}/videos", (req, res) ->
                     videoRoutes.writeList(res, videos.list(videoRoutes.seenBy(req, VideoRoutes.query(req, null, account(req).id(), null)))))
             .get("/accounts/{name}/video-channels", this::accountChannels)
             .get("/accounts/{name}/followers", (req, res) -> {
                 User user = auth.require(req);
                 writeFollowers(res, subscriptions.followers(user, account(req), followerPage(req), Params.get(req, "search")));
             })
             .get("/search/video-channels", this::search);
    }

    private void search(ServerRequest req, ServerResponse res) {
        List<Channel> found = search.search(req.query().first("search").orElse(""), () -> auth.optional(req));
        json.ok(res, Map.of("total", found.size(), "data", found.stream().map(actors::channel).toList()));
    }

    /** PeerTube's POST: `{ videoChannel: { id } }` of the new channel. */
    private void create(ServerRequest req, ServerResponse res) {
        User user = auth.require(req);
        Map<String, Object> body = json.readObject(req);
        Channel c = editing.create(user, Params.text(body.get("name"), "name"), new ChannelEditing.Changes(Params.text(body.get("displayName"), "displayName"),
                Params.text(body.get("description"), "description"), Params.text(body.get("support"), "support")));
        json.ok(res, Map.of("videoChannel", Map.of("id", c.id())));
    }

    /** PeerTube's PUT: the fields given change, the others stay; 204. */
    private void update(ServerRequest req, ServerResponse res) {
        User user = auth.require(req);
        Map<String, Object> body = json.readObject(req);
        editing.update(user, Params.pathParam(req, "handle"),
                new ChannelEditing.Changes(Params.text(body.get("displayName"), "displayName"),
                        Params.clearableText(body, "description"), Params.clearableText(body, "support")));
        res.status(io.helidon.http.Status.NO_CONTENT_204).send();
    }


    private void accountChannels(ServerRequest req, ServerResponse res) {
        var list = accounts.channelsOf(account(req).id()).stream().map(actors::channel).toList();
        json.ok(res, Map.of("total", list.size(), "data", list));
    }

    private static PageRequest followerPage(ServerRequest req) {
        return PageRequest.parse(Params.get(req, "start"), Params.get(req, "count"), Params.get(req, "sort"), "-createdAt", Set.of("createdAt"));
    }

    private void writeFollowers(ServerResponse res, Page<Follower> page) {
        json.ok(res, Map.of("total", page.total(), "data", page.data().stream().map(f -> FollowToDto.follower(f, urls)).toList()));
    }

    private Channel channel(ServerRequest req) {
        String handle = Params.pathParam(req, "handle");
        return accounts.channel(ActorName.parse(handle, urls.host())).orElseThrow(() -> Problem.notFound("Video channel " + handle + " not found"));
    }

    private Account account(ServerRequest req) {
        String handle = Params.pathParam(req, "name");
        return accounts.account(ActorName.parse(handle, urls.host())).orElseThrow(() -> Problem.notFound("Account " + handle + " not found"));
    }
}
