package tandem.http;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import tandem.core.Problem;
import tandem.core.WebUrl;
import tandem.video.VideoService;
import tandem.video.WatchPaths;

/**
 * `/services/oembed` (PeerTube's path): turns a watch URL of this instance into an embeddable
 * iframe, so chat apps, forums and CMSs show our player when someone pastes a link.
 */
public final class OEmbedRoutes implements HttpService {
    private static final String URL_MESSAGE = "Should be a video watch URL of this instance (/videos/watch/{uuid} or /w/{shortUUID})";

    private final VideoService videos;
    private final VideoToOEmbed oembed;
    private final Urls urls;
    private final JsonIo json;

    public OEmbedRoutes(VideoService videos, VideoToOEmbed oembed, Urls urls, JsonIo json) {
        this.videos = videos;
        this.oembed = oembed;
        this.urls = urls;
        this.json = json;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/services/oembed", this::oembed);
    }

    private void oembed(ServerRequest req, ServerResponse res) {
        String format = Params.get(req, "format");
        if ("xml".equals(format)) throw new Problem(501, null, "Requested format is not implemented on server.");
        if (format != null && !format.equals("json")) throw Problem.invalidParam("format", "Should be json or xml");
        Integer maxWidth = size(req, "maxwidth");
        Integer maxHeight = size(req, "maxheight");
        String videoId = videoIdIn(Params.get(req, "url"));
        json.ok(res, oembed.oembed(videos.embeddable(videoId), maxWidth, maxHeight));
    }

    private static Integer size(ServerRequest req, String name) {
        Integer v = Params.intValue(Params.get(req, name), name);
        if (v != null && v < 1) throw Problem.invalidParam(name, "Should have a positive " + name);
        return v;
    }

    /** The video id of one of our watch URLs; 400 for anything else, other hosts included. */
    private String videoIdIn(String url) {
        return WebUrl.parse(url)
                .filter(u -> u.host().equalsIgnoreCase(urls.host()))
                .flatMap(u -> WatchPaths.videoId(u.path()))
                .orElseThrow(() -> Problem.invalidParam("url", URL_MESSAGE));
    }
}
