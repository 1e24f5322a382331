package tandem.http;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import tandem.account.Account;
import tandem.account.AccountService;
import tandem.account.Channel;
import tandem.core.Problem;
import tandem.video.VideoService;

import java.util.Map;

/** Channels and accounts by handle (`name` or `name@our-host`), and their videos. */
public final class ChannelRoutes implements HttpService {
    private final AccountService accounts;
    private final VideoService videos;
    private final ActorToDto actors;
    private final VideoRoutes videoRoutes;
    private final JsonIo json;
    private final String host;

    public ChannelRoutes(AccountService accounts, VideoService videos, ActorToDto actors, VideoRoutes videoRoutes, JsonIo json, String host) {
        this.accounts = accounts;
        this.videos = videos;
        this.actors = actors;
        this.videoRoutes = videoRoutes;
        this.json = json;
        this.host = host;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/video-channels/{handle}", (req, res) -> json.ok(res, actors.channel(channel(req))))
             .get("/video-channels/{handle}/videos", (req, res) ->
                     videoRoutes.writeList(res, videos.list(VideoRoutes.query(req, channel(req).id(), null, null))))
             .get("/accounts/{name}", (req, res) -> json.ok(res, actors.account(account(req))))
             .get("/accounts/{name}/videos", (req, res) ->
                     videoRoutes.writeList(res, videos.list(VideoRoutes.query(req, null, account(req).id(), null))))
             .get("/accounts/{name}/video-channels", this::accountChannels);
    }

    private void accountChannels(ServerRequest req, ServerResponse res) {
        var list = accounts.channelsOf(account(req).id()).stream().map(actors::channel).toList();
        json.ok(res, Map.of("total", list.size(), "data", list));
    }

    private String localName(String handle) {
        int at = handle.indexOf('@');
        if (at < 0) return handle;
        if (!handle.substring(at + 1).equalsIgnoreCase(host)) throw Problem.notFound("Remote actors are not known yet");
        return handle.substring(0, at);
    }

    private Channel channel(ServerRequest req) {
        String name = localName(Params.pathParam(req, "handle"));
        return accounts.localChannel(name).orElseThrow(() -> Problem.notFound("Video channel " + name + " not found"));
    }

    private Account account(ServerRequest req) {
        String name = localName(Params.pathParam(req, "name"));
        return accounts.localAccount(name).orElseThrow(() -> Problem.notFound("Account " + name + " not found"));
    }
}
