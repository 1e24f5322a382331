package tandem.http;

import tandem.net.MediaResolver;
import tandem.net.MediaResolver.Resolved;
import tandem.account.OAuthService;
import tandem.account.User;
import tandem.core.Problem;
import tandem.storage.BlobKeys;
import tandem.video.Video;
import tandem.video.VideoPrivacy;
import tandem.video.VideoFileTokens;
import tandem.video.VideoService;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * Maps PeerTube's static media paths to stored blobs and applies each video's privacy: public
 * paths refuse private videos, `private/` paths need the owner's (or a moderator's) bearer token.
 * Shared by the Helidon routes and the zero-copy media listener. Video lookups are cached for two
 * seconds: segment requests are the hottest path of the server.
 */
public final class MediaFiles implements MediaResolver {
    private static final long CACHE_MILLIS = 2000;
    private static final int CACHE_MAX = 10_000;
    private static final String HLS = "/static/streaming-playlists/hls/";
    /** URL folders served as they are, with the blob key of a file in each. */
    private static final Map<String, UnaryOperator<String>> STILLS_AND_TORRENTS =
            Map.of("thumbnails", BlobKeys::thumbnail, "previews", BlobKeys::preview, "torrents", BlobKeys::torrent);

    private final VideoService videos;
    private final OAuthService oauth;
    private final VideoFileTokens fileTokens;
    private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(Video video, long at) {}

    public MediaFiles(VideoService videos, OAuthService oauth, VideoFileTokens fileTokens) {
        this.fileTokens = fileTokens;
        this.videos = videos;
        this.oauth = oauth;
    }

    /**
     * Resolves a request path or throws a 403/404 Problem.
     * @param authorization the Authorization header, or null
     * @param fileToken     PeerTube's {@code videoFileToken} query parameter, or null
     */
    @Override
    public Resolved resolve(String path, String authorization, String fileToken) {
        Access access = new Access(authorization, fileToken);
        if (path.startsWith(HLS)) {
            String[] p = path.substring(HLS.length()).split("/", -1);
            boolean privatePath = p.length == 3 && p[0].equals("private");
            if (p.length != (privatePath ? 3 : 2)) throw missing();
            String uuid = p[privatePath ? 1 : 0];
            String file = safeName(p[privatePath ? 2 : 1]);
            Video v = video(uuid).orElseThrow(MediaFiles::missing);
            checkAccess(v, privatePath, access);
            return new Resolved(BlobKeys.hlsFile(v.uuid(), file), file.endsWith(".mp4"), privatePath, null);
        }
        if (path.startsWith("/static/web-videos/private/")) return web(path.substring("/static/web-videos/private/".length()), true, false, access);
        if (path.startsWith("/static/web-videos/")) return web(path.substring("/static/web-videos/".length()), false, false, access);
        if (path.startsWith("/download/web-videos/")) return web(path.substring("/download/web-videos/".length()), null, true, access);
        for (String prefix : new String[] {"/lazy-static/video-captions/", "/static/video-captions/"}) {
            if (path.startsWith(prefix)) return caption(path.substring(prefix.length()), access);
        }
        for (Map.Entry<String, UnaryOperator<String>> folder : STILLS_AND_TORRENTS.entrySet()) {
            for (String prefix : new String[] {"/lazy-static/" + folder.getKey() + "/", "/static/" + folder.getKey() + "/", "/download/" + folder.getKey() + "/"}) {
                if (path.startsWith(prefix)) return new Resolved(folder.getValue().apply(safeName(path.substring(prefix.length()))), false, false, null);
            }
        }
        throw missing();
    }

    /** `privatePath` null = the download route, which follows the video's own privacy. */
    private Resolved web(String name, Boolean privatePath, boolean download, Access access) {
        String file = safeName(name);
        if (file.length() < 36) throw missing();
        Video v = video(file.substring(0, 36)).orElseThrow(MediaFiles::missing);
        checkAccess(v, privatePath == null ? v.privacy() == VideoPrivacy.PRIVATE : privatePath, access);
        if (download && !v.downloadEnabled() && !videos.canManage(access.user(), v)) {
            throw Problem.forbidden("Downloads are disabled for this video");
        }
        int dot = file.lastIndexOf('.');
        String downloadName = download ? v.name().replaceAll("[^\\p{L}\\p{N} ._-]", "_") + (dot < 0 ? "" : file.substring(dot)) : null;
        return new Resolved(BlobKeys.webVideo(file), true, v.privacy() == VideoPrivacy.PRIVATE, downloadName);
    }

    /** Captions carry the words of a video: they follow its privacy. */
    private Resolved caption(String name, Access access) {
        String file = safeName(name);
        if (file.length() < 36) throw missing();
        Video v = video(file.substring(0, 36)).orElseThrow(MediaFiles::missing);
        if (v.privacy() == VideoPrivacy.PRIVATE && !access.opens(v)) throw Problem.forbidden("This file belongs to a private video");
        return new Resolved(BlobKeys.caption(file), false, v.privacy() == VideoPrivacy.PRIVATE, null);
    }

    private void checkAccess(Video v, boolean privatePath, Access access) {
        boolean isPrivate = v.privacy() == VideoPrivacy.PRIVATE;
        if (isPrivate != privatePath) throw missing();
        if (isPrivate && !access.opens(v)) throw Problem.forbidden("This file belongs to a private video");
    }

    /** Who asks: a bearer token (the owner, a moderator) or a file token the owner's player got. */
    private final class Access {
        private final String authorization;
        private final String fileToken;

        Access(String authorization, String fileToken) {
            this.authorization = authorization;
            this.fileToken = fileToken;
        }

        Optional<User> user() {
            if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) return Optional.empty();
            return oauth.authenticate(authorization.substring(7).trim());
        }

        boolean opens(Video v) {
            return fileTokens.opens(fileToken, v) || videos.canManage(user(), v);
        }
    }

    private Optional<Video> video(String uuid) {
        long now = System.currentTimeMillis();
        Cached c = cache.get(uuid);
        if (c != null && now - c.at() < CACHE_MILLIS) return Optional.ofNullable(c.video());
        Optional<Video> v;
        try {
            v = videos.find(uuid);
        } catch (Problem e) {
            return Optional.empty();
        }
        if (cache.size() > CACHE_MAX) cache.clear();
        cache.put(uuid, new Cached(v.orElse(null), now));
        return v;
    }

    private static String safeName(String name) {
        if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.startsWith(".")) throw missing();
        return name;
    }

    private static Problem missing() {
        return Problem.notFound("File not found");
    }
}
