package tandem.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a browser gets at a path no other route answered, registered after every other service: PeerTube's
 * client routes that we have no page for are redirected to the nearest page we have ({@link #REDIRECTS}),
 * and any other page a browser asks for (Accept: text/html) is the app shell with status 404, which the
 * app renders as a translated "page not found" with a search box. API, ActivityPub, feed and media paths,
 * and clients that do not ask for HTML, fall through to the JSON problem as before.
 */
public final class ClientRoutes implements HttpService {
    /** A PeerTube client path (a regular expression over the whole path) and where we send it ($1: its first group). */
    record Redirect(Pattern path, String target) {
        Redirect(String path, String target) {
            this(Pattern.compile(path), target);
        }
    }

    /**
     * PeerTube 6's client routes (its app-routing and the modules' routes) that no page of ours serves,
     * first match wins. A route that a page serves later (listed in {@link WebRoutes}) is answered by that
     * page: this table is only ever consulted for paths nothing else took.
     */
    static final List<Redirect> REDIRECTS = List.of(
            new Redirect("/videos/overview", "/home"),
            new Redirect("/videos/most-liked", "/videos/browse?sort=-likes"),
            new Redirect("/videos/publish", "/upload"),
            new Redirect("/videos/update/([^/]+)", "/videos/manage/$1"),
            new Redirect("/p/([^/]+)", "/w/p/$1"),
            new Redirect("/my-library(?:/.*)?", "/my-library/videos"),
            new Redirect("/my-account(?:/.*)?", "/my-account/settings"),
            new Redirect("/about/(?:peertube|follows|contact)", "/about/instance"),
            new Redirect("/signup/.+", "/signup"),
            new Redirect("/(?:a|accounts)/([^/]+)/(?:video-channels|video-playlists)", "/a/$1"),
            new Redirect("/(?:c|video-channels)/([^/]+)/video-playlists", "/c/$1"),
            new Redirect("/admin/follows(?:/.*)?", "/admin/federation"),
            new Redirect("/admin/system/jobs", "/admin/jobs"),
            new Redirect("/admin/users(?:/.*)?", "/admin/users"),
            new Redirect("/admin/.*", "/admin"));

    /** Paths that are never pages: their unknown sub-paths stay JSON (or whatever their service answers). */
    private static final List<String> NOT_PAGES = List.of("/api/", "/.well-known/", "/nodeinfo/", "/static/", "/lazy-static/",
            "/feeds/", "/services/", "/tracker/", "/assets/", "/inbox", "/plugins/", "/download/", "/redundancy/");

    private final Supplier<String> appShell;

    /** `appShell`: the app's page (web/app.html), whose script renders the not-found page when it knows no route. */
    public ClientRoutes(Supplier<String> appShell) {
        this.appShell = appShell;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.any(this::fallback);
    }

    private void fallback(ServerRequest req, ServerResponse res) {
        Method method = req.prologue().method();
        String path = req.path().path();
        if ((method != Method.GET && method != Method.HEAD) || NOT_PAGES.stream().anyMatch(path::startsWith)) {
            res.next();
            return;
        }
        Optional<String> target = redirect(path, req.query().rawValue());
        if (target.isPresent()) {
            res.status(Status.FOUND_302).header(HeaderNames.LOCATION, target.get()).send();
            return;
        }
        if (!wantsHtml(req)) {
            res.next();
            return;
        }
        res.status(Status.NOT_FOUND_404);
        res.header(HeaderNames.CONTENT_TYPE, "text/html; charset=utf-8");
        res.header(HeaderNames.CACHE_CONTROL, "no-cache");
        res.send(appShell.get().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Where a PeerTube client path goes. PeerTube's `/remote-interaction?uri=` and
     * `/search/lazy-load-video?url=` become a search for that address, which brings the object in.
     */
    static Optional<String> redirect(String path, String rawQuery) {
        String trimmed = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        if (trimmed.equals("/remote-interaction") || trimmed.equals("/search/lazy-load-video")) {
            String uri = queryValue(rawQuery, trimmed.equals("/remote-interaction") ? "uri" : "url");
            return Optional.of(uri == null ? "/search" : "/search?search=" + URLEncoder.encode(uri, StandardCharsets.UTF_8));
        }
        for (Redirect r : REDIRECTS) {
            Matcher m = r.path().matcher(trimmed);
            if (m.matches()) return Optional.of(m.groupCount() > 0 ? r.target().replace("$1", segment(m.group(1))) : r.target());
        }
        return Optional.empty();
    }

    /** A path segment as it goes back into a Location header: encoded, so no decoded byte can break the header. */
    private static String segment(String decoded) {
        return URLEncoder.encode(decoded, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String queryValue(String rawQuery, String name) {
        if (rawQuery == null) return null;
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static boolean wantsHtml(ServerRequest req) {
        return req.headers().first(HeaderNames.ACCEPT).orElse("").contains("text/html");
    }
}
