package tandem.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import tandem.net.FileHeaders;
import tandem.core.Problem;
import tandem.video.Video;
import tandem.video.VideoPrivacy;
import tandem.video.VideoService;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The browser app built from web/ (on the classpath under web/): the app shell for the pages
 * (home, login, upload, my videos, channels, accounts, search, admin) at PeerTube's URLs, the watch
 * and embed pages with OpenGraph/Twitter/oEmbed tags filled in on the server, and the hashed assets.
 */
public final class WebRoutes implements HttpService {
    private final VideoService videos;
    private final Urls urls;
    /** The pages the app shell renders in the browser (web/src/app.js routes them). */
    private static final List<String> APP_PAGES = List.of("/", "/home", "/videos/browse", "/videos/recently-added", "/videos/trending", "/videos/local",
            "/login", "/upload", "/videos/upload", "/my-library/videos", "/videos/manage/{id}", "/search", "/admin", "/admin/{tab}", "/about/ledger",
            "/admin/config/edit-custom", "/about", "/about/instance",
            "/admin/moderation/{section}/list", "/my-account/blocklist/{kind}", "/my-account/abuses",
            "/c/{name}", "/c/{name}/videos", "/video-channels/{name}", "/video-channels/{name}/videos",
            "/a/{name}", "/a/{name}/videos", "/accounts/{name}", "/accounts/{name}/videos",
            "/signup", "/reset-password", "/verify-account/email", "/verify-account/ask-send-email", "/my-account/settings", "/admin/moderation/registrations/list",
            "/my-account/notifications", "/my-library/history/videos", "/videos/subscriptions", "/my-library/subscriptions",
            "/my-library/video-playlists", "/my-library/video-playlists/{id}", "/my-library/video-channels");
    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

    public WebRoutes(VideoService videos, Urls urls) {
        this.videos = videos;
        this.urls = urls;
    }

    @Override
    public void routing(HttpRules rules) {
        for (String path : APP_PAGES) rules.get(path, (req, res) -> html(res, page("app.html")));
        // PeerTube's older edit URL /videos/update/{id} is one of ClientRoutes' redirects.
        rules.get("/videos/watch/{id}", (req, res) -> html(res, withMeta(req, "watch.html")))
             .get("/w/{id}", (req, res) -> html(res, withMeta(req, "watch.html")))
             .get("/videos/embed/{id}", (req, res) -> html(res, withMeta(req, "embed.html")))
             // A playlist plays on the watch page, which finds the element to play in the browser.
             .get("/w/p/{id}", (req, res) -> html(res, page("watch.html")))
             .get("/videos/watch/playlist/{id}", (req, res) -> html(res, page("watch.html")))
             .get("/style.css", (req, res) -> asset(res, "style.css"))
             .get("/favicon.ico", (req, res) -> res.status(204).send())
             .get("/assets/{file}", (req, res) -> asset(res, "assets/" + Params.pathParam(req, "file")));
    }

    /** The app's page, which renders whichever page the path names (or "page not found"). */
    public String appShell() {
        return page("app.html");
    }

    private String withMeta(ServerRequest req, String name) {
        String page = page(name);
        Optional<Video> v;
        try {
            v = videos.find(Params.pathParam(req, "id"));
        } catch (Problem e) {
            v = Optional.empty();
        }
        if (v.isPresent() && v.get().privacy() != VideoPrivacy.PRIVATE) page = page.replace("<!--tandem:meta-->", meta(v.get()));
        return page;
    }

    /** OpenGraph and Twitter card tags, so shared links show the title and the preview image. */
    private String meta(Video v) {
        String title = FeedRoutes.xml(v.name());
        String description = FeedRoutes.xml(v.description() == null ? "" : v.description());
        String image = FeedRoutes.xml(urls.base() + urls.previewPath(v));
        String url = FeedRoutes.xml(urls.watchUrl(v));
        return "<meta property=\"og:type\" content=\"video\"><meta property=\"og:title\" content=\"" + title + "\">"
                + "<meta property=\"og:description\" content=\"" + description + "\"><meta property=\"og:image\" content=\"" + image + "\">"
                + "<meta property=\"og:url\" content=\"" + url + "\"><meta name=\"twitter:card\" content=\"summary_large_image\">"
                + "<meta name=\"twitter:title\" content=\"" + title + "\"><meta name=\"twitter:image\" content=\"" + image + "\">"
                + "<link rel=\"alternate\" type=\"application/json+oembed\" href=\"" + FeedRoutes.xml(urls.base() + "/services/oembed?url="
                + URLEncoder.encode(urls.watchUrl(v), StandardCharsets.UTF_8)) + "\" title=\"" + title + "\">";
    }

    private String page(String name) {
        return new String(resource(name), StandardCharsets.UTF_8);
    }

    private static void html(ServerResponse res, String page) {
        res.header(HeaderNames.CONTENT_TYPE, "text/html; charset=utf-8");
        res.header(HeaderNames.CACHE_CONTROL, "no-cache");
        res.send(page.getBytes(StandardCharsets.UTF_8));
    }

    private void asset(ServerResponse res, String name) {
        if (name.contains("..") || name.contains("\\")) throw Problem.notFound("Not found");
        byte[] body = resource(name);
        String type = name.endsWith(".js") ? "text/javascript; charset=utf-8" : name.endsWith(".css") ? "text/css; charset=utf-8"
                : FileHeaders.contentType(name);
        res.header(HeaderNames.CONTENT_TYPE, type);
        // Built asset names carry a content hash: they never change.
        res.header(HeaderNames.CACHE_CONTROL, name.startsWith("assets/") ? "public, max-age=31536000, immutable" : "no-cache");
        res.send(body);
    }

    private byte[] resource(String name) {
        return cache.computeIfAbsent(name, n -> {
            try (InputStream in = WebRoutes.class.getClassLoader().getResourceAsStream("web/" + n)) {
                if (in == null) throw Problem.notFound("Not found: /" + n);
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
