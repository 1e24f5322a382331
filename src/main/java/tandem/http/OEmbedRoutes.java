package tandem.http;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import tandem.core.Problem;
import tandem.video.VideoService;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * `/services/oembed` (PeerTube's path): turns a watch URL of this instance into an embeddable
 * iframe, so chat apps, forums and CMSs show our player when someone pastes a link.
 */
public final class OEmbedRoutes implements HttpService {
    /** `/videos/watch/{id}` and `/w/{id}`, id being a UUID, short UUID or number; playlist URLs do not match. */
    private static final Pattern WATCH_PATH = Pattern.compile("^/(?:videos/watch|w)/([0-9A-Za-z-]{1,36})/?$");
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
        if (url == null || url.isBlank()) throw Problem.invalidParam("url", URL_MESSAGE);
        URI u;
        try {
            u = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw Problem.invalidParam("url", URL_MESSAGE);
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || u.getHost() == null || !hostOf(u, scheme).equalsIgnoreCase(urls.host())) {
            throw Problem.invalidParam("url", URL_MESSAGE);
        }
        Matcher m = WATCH_PATH.matcher(u.getRawPath() == null ? "" : u.getRawPath());
        if (!m.matches()) throw Problem.invalidParam("url", URL_MESSAGE);
        return m.group(1);
    }

    /** Host, with the port when it is not the scheme's default: the form {@link Urls#host()} uses. */
    private static String hostOf(URI u, String scheme) {
        int port = u.getPort();
        boolean defaultPort = port == -1 || (port == 80 && scheme.equals("http")) || (port == 443 && scheme.equals("https"));
        return defaultPort ? u.getHost() : u.getHost() + ":" + port;
    }
}
