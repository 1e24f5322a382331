package tandem.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import tandem.account.User;
import tandem.core.Problem;
import tandem.video.Video;
import tandem.video.VideoPrivacy;
import tandem.video.VideoService;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Static media at PeerTube's paths. Public paths refuse private videos; `private/` paths need the
 * owner's (or a moderator's) bearer token. Privacy lookups are cached briefly: segments are hot.
 */
public final class StaticRoutes implements HttpService {
    private static final long CACHE_MILLIS = 2000;
    private static final int CACHE_MAX = 10_000;

    private final FileSender sender;
    private final VideoService videos;
    private final Auth auth;
    private final ConcurrentHashMap<String, Cached> privacy = new ConcurrentHashMap<>();

    private record Cached(Video video, long at) {}

    public StaticRoutes(FileSender sender, VideoService videos, Auth auth) {
        this.sender = sender;
        this.videos = videos;
        this.auth = auth;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.options("/static/*", StaticRoutes::preflight)
             .options("/lazy-static/*", StaticRoutes::preflight)
             .get("/static/streaming-playlists/hls/private/{uuid}/{file}", (req, res) -> hls(req, res, true))
             .head("/static/streaming-playlists/hls/private/{uuid}/{file}", (req, res) -> hls(req, res, true))
             .get("/static/streaming-playlists/hls/{uuid}/{file}", (req, res) -> hls(req, res, false))
             .head("/static/streaming-playlists/hls/{uuid}/{file}", (req, res) -> hls(req, res, false))
             .get("/static/web-videos/private/{file}", (req, res) -> web(req, res, true, false))
             .get("/static/web-videos/{file}", (req, res) -> web(req, res, false, false))
             .get("/download/web-videos/{file}", (req, res) -> web(req, res, null, true))
             .get("/lazy-static/thumbnails/{file}", (req, res) -> plain(req, res, "thumbnails/"))
             .get("/static/thumbnails/{file}", (req, res) -> plain(req, res, "thumbnails/"))
             .get("/lazy-static/previews/{file}", (req, res) -> plain(req, res, "previews/"))
             .get("/static/previews/{file}", (req, res) -> plain(req, res, "previews/"))
             .get("/lazy-static/torrents/{file}", (req, res) -> plain(req, res, "torrents/"))
             .get("/download/torrents/{file}", (req, res) -> plain(req, res, "torrents/"));
    }

    private static void preflight(ServerRequest req, ServerResponse res) {
        res.header(HeaderNames.ACCESS_CONTROL_ALLOW_METHODS, "GET, HEAD, OPTIONS");
        res.header(HeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, "Range, Authorization");
        res.header(HeaderNames.ACCESS_CONTROL_MAX_AGE, "86400");
        res.status(204).send();
    }

    private void hls(ServerRequest req, ServerResponse res, boolean privatePath) throws IOException {
        String uuid = Params.pathParam(req, "uuid");
        String file = Params.pathParam(req, "file");
        Video v = video(uuid).orElseThrow(StaticRoutes::missing);
        checkAccess(req, v, privatePath);
        if (!sender.send(req, res, v.hlsPrefix() + file, null, file.endsWith(".mp4"))) throw missing();
    }

    /** `privatePath` null = the download route, which follows the video's own privacy. */
    private void web(ServerRequest req, ServerResponse res, Boolean privatePath, boolean download) throws IOException {
        String file = Params.pathParam(req, "file");
        if (file.length() < 36) throw missing();
        Video v = video(file.substring(0, 36)).orElseThrow(StaticRoutes::missing);
        checkAccess(req, v, privatePath == null ? v.privacy() == VideoPrivacy.PRIVATE : privatePath);
        if (download && !v.downloadEnabled() && !videos.canManage(auth.optional(req), v)) throw Problem.forbidden("Downloads are disabled for this video");
        String downloadName = download ? v.name().replaceAll("[^\\p{L}\\p{N} ._-]", "_") + file.substring(file.lastIndexOf('.')) : null;
        if (!sender.send(req, res, "web-videos/" + file, downloadName, true)) throw missing();
    }

    private void plain(ServerRequest req, ServerResponse res, String prefix) throws IOException {
        String file = Params.pathParam(req, "file");
        if (!sender.send(req, res, prefix + file, null, false)) throw missing();
    }

    private void checkAccess(ServerRequest req, Video v, boolean privatePath) {
        boolean isPrivate = v.privacy() == VideoPrivacy.PRIVATE;
        if (isPrivate != privatePath) throw missing();
        if (isPrivate) {
            Optional<User> user = auth.optional(req);
            if (!videos.canManage(user, v)) throw Problem.forbidden("This file belongs to a private video");
        }
    }

    private Optional<Video> video(String uuid) {
        long now = System.currentTimeMillis();
        Cached c = privacy.get(uuid);
        if (c != null && now - c.at() < CACHE_MILLIS) return Optional.ofNullable(c.video());
        Optional<Video> v;
        try {
            v = videos.find(uuid);
        } catch (Problem e) {
            return Optional.empty();
        }
        if (privacy.size() > CACHE_MAX) privacy.clear();
        privacy.put(uuid, new Cached(v.orElse(null), now));
        return v;
    }

    private static Problem missing() {
        return Problem.notFound("File not found");
    }
}
