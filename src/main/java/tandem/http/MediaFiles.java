package tandem.http;

import tandem.net.MediaResolver;
import tandem.net.MediaResolver.Resolved;
import tandem.account.OAuthService;
import tandem.account.User;
import tandem.core.Problem;
import tandem.mirror.MirrorCatalog;
import tandem.mirror.ledger.ServedBytes;
import tandem.storage.BlobKeys;
import tandem.video.Video;
import tandem.video.VideoFile;
import tandem.video.VideoPrivacy;
import tandem.video.VideoFileTokens;
import tandem.video.VideoService;

import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;
import java.util.function.UnaryOperator;

/**
 * Maps PeerTube's static media paths to stored blobs and applies each video's privacy: public
 * paths refuse private videos, `private/` paths need the owner's (or a moderator's) bearer token or
 * file token, and files whose path does not say (stills, torrents, downloads) follow their video's
 * privacy. Shared by the Helidon routes and the zero-copy media listener.
 *
 * <p>The ledger counts the body bytes of video files on every path: HLS files (playlists, hashes,
 * segments) and web videos of our own videos, downloads, and every file of our mirrors of others'
 * videos (under their origin's host; the mirror's copy of the thumbnail included). Our stills,
 * captions and torrents are not counted: small, and for remote videos they are our cached copies,
 * not a mirror's work.
 */
public final class MediaFiles implements MediaResolver {
    /** File keys and video UUIDs alike: the names of a video's files start with one of them. */
    private static final int UUID_LENGTH = 36;
    private static final String HLS = "/static/streaming-playlists/hls/";
    private static final String WEB = "/static/web-videos/";
    /** Our mirrors of other instances' videos, at PeerTube's path, under the origin's file names. */
    private static final String MIRROR = "/static/redundancy/hls/";
    /** Where PeerTube offers downloads of a video's files, with the kind of file each folder holds. */
    private static final Map<String, String> DOWNLOADS =
            Map.of("/download/web-videos/", VideoFile.WEB, "/download/streaming-playlists/hls/videos/", VideoFile.HLS);
    /** URL folders of stills, with the blob key of a file in each; both are named after their video's file key. */
    private static final Map<String, UnaryOperator<String>> STILLS = Map.of("thumbnails", BlobKeys::thumbnail, "previews", BlobKeys::preview);

    private final VideoService videos;
    private final OAuthService oauth;
    private final VideoFileTokens fileTokens;
    private final MirrorCatalog mirrors;
    private final ServedBytes served;
    private final String ownHost;
    private final MediaVideoCache cache = new MediaVideoCache();

    /** {@code served} counts the body bytes sent of each video's files; {@code ownHost} is our public host, the origin of our videos. */
    public MediaFiles(VideoService videos, OAuthService oauth, VideoFileTokens fileTokens, MirrorCatalog mirrors, ServedBytes served, String ownHost) {
        this.fileTokens = fileTokens;
        this.mirrors = mirrors;
        this.served = served;
        this.ownHost = ownHost;
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
            Video v = cache.get(uuid, () -> videos.find(uuid)).orElseThrow(MediaFiles::missing);
            checkAccess(v, privatePath, access);
            return new Resolved(BlobKeys.hlsFile(v.uuid(), file), file.endsWith(".mp4"), privatePath, null, counter(v));
        }
        if (path.startsWith(MIRROR)) return mirrored(path.substring(MIRROR.length()));
        if (path.startsWith(WEB + "private/")) return webVideo(path.substring(WEB.length() + "private/".length()), true, access);
        if (path.startsWith(WEB)) return webVideo(path.substring(WEB.length()), false, access);
        for (Map.Entry<String, String> folder : DOWNLOADS.entrySet()) {
            if (path.startsWith(folder.getKey())) return download(path.substring(folder.getKey().length()), folder.getValue(), access);
        }
        for (String prefix : new String[] {"/lazy-static/video-captions/", "/static/video-captions/"}) {
            if (path.startsWith(prefix)) return caption(path.substring(prefix.length()), access);
        }
        for (String prefix : new String[] {"/lazy-static/torrents/", "/static/torrents/"}) {
            if (path.startsWith(prefix)) return torrent(path.substring(prefix.length()), false, access);
        }
        if (path.startsWith("/download/torrents/")) return torrent(path.substring("/download/torrents/".length()), true, access);
        for (Map.Entry<String, UnaryOperator<String>> folder : STILLS.entrySet()) {
            for (String prefix : new String[] {"/lazy-static/" + folder.getKey() + "/", "/static/" + folder.getKey() + "/"}) {
                if (path.startsWith(prefix)) return still(path.substring(prefix.length()), folder.getValue(), access);
            }
        }
        throw missing();
    }

    /** Forgets every cached video, e.g. after one changed privacy: the next request reads it again. */
    public void forget() {
        cache.clear();
    }

    /**
     * A file of our mirror of another instance's public video, served as the origin serves it; only
     * once the copy is verified (a half-copied or failed mirror serves nothing).
     */
    private Resolved mirrored(String rest) {
        String[] p = rest.split("/", -1);
        if (p.length != 2 || !mirrors.serves(p[0])) throw missing();
        String file = safeName(p[1]);
        String uuid = p[0];
        String origin = mirrors.originHost(uuid).orElse(null);
        LongConsumer counter = origin == null ? null : bytes -> served.count(uuid, origin, bytes);
        return new Resolved(BlobKeys.mirrorFile(uuid, file), file.endsWith(".mp4"), false, null, counter);
    }

    /** A web video's player address: like HLS, under `private/` exactly when the video is private. */
    private Resolved webVideo(String name, boolean privatePath, Access access) {
        String file = safeName(name);
        Video v = owner(file);
        checkAccess(v, privatePath, access);
        return new Resolved(BlobKeys.webVideo(file), true, privatePath, null, counter(v));
    }

    /**
     * A download: one of the video's files of that kind, named after the video as PeerTube names
     * them, refused when the owner turned downloads off (the owner and moderators still may).
     */
    private Resolved download(String name, String kind, Access access) {
        String file = safeName(name);
        Video v = opened(owner(file), access);
        VideoFile f = videos.files(v).stream().filter(x -> x.kind().equals(kind) && x.fileName().equals(file))
                .findFirst().orElseThrow(MediaFiles::missing);
        checkDownloadable(v, access);
        String key = VideoFile.WEB.equals(kind) ? BlobKeys.webVideo(file) : BlobKeys.hlsFile(v.uuid(), file);
        int dot = file.lastIndexOf('.');
        return new Resolved(key, true, restricted(v), downloadName(v, f, dot < 0 ? "" : file.substring(dot)), counter(v));
    }

    /** A web video's .torrent; from `/download/` it is a download like the file it describes. */
    private Resolved torrent(String name, boolean download, Access access) {
        String file = safeName(name);
        Video v = opened(owner(file), access);
        if (!download) return new Resolved(BlobKeys.torrent(file), false, restricted(v), null);
        VideoFile f = videos.files(v).stream().filter(x -> file.equals(x.torrentName())).findFirst().orElseThrow(MediaFiles::missing);
        checkDownloadable(v, access);
        return new Resolved(BlobKeys.torrent(file), false, restricted(v), downloadName(v, f, ".torrent"));
    }

    /** A thumbnail or preview, ours or a remote video's copy: public and unlisted videos' for anyone, as PeerTube. */
    private Resolved still(String name, UnaryOperator<String> key, Access access) {
        String file = safeName(name);
        Video v = opened(owner(file), access);
        return new Resolved(key.apply(file), false, restricted(v), null);
    }

    /** Captions carry the words of a video: they follow its privacy. */
    private Resolved caption(String name, Access access) {
        String file = safeName(name);
        if (file.length() < UUID_LENGTH) throw missing();
        String uuid = file.substring(0, UUID_LENGTH);
        Video v = opened(cache.get(uuid, () -> videos.find(uuid)).orElseThrow(MediaFiles::missing), access);
        return new Resolved(BlobKeys.caption(file), false, restricted(v), null);
    }

    /** Who counts the bytes sent of one of our videos' files; null for a remote video's (we hold none of its video files). */
    private LongConsumer counter(Video v) {
        if (!v.isLocal()) return null;
        String uuid = v.uuid();
        return bytes -> served.count(uuid, ownHost, bytes);
    }

    /** The video a file belongs to, by the file key its name starts with. */
    private Video owner(String file) {
        if (file.length() < UUID_LENGTH) throw missing();
        String fileKey = file.substring(0, UUID_LENGTH);
        return cache.get("file-key:" + fileKey, () -> videos.findByFileKey(fileKey)).orElseThrow(MediaFiles::missing);
    }

    private void checkAccess(Video v, boolean privatePath, Access access) {
        if (restricted(v) != privatePath) throw missing();
        opened(v, access);
    }

    /** The video, when its files are public or the request may open this private one. */
    private static Video opened(Video v, Access access) {
        if (restricted(v) && !access.opens(v)) throw Problem.forbidden("This file belongs to a private video");
        return v;
    }

    private void checkDownloadable(Video v, Access access) {
        if (!v.downloadEnabled() && !videos.canManage(access.user(), v)) throw Problem.forbidden("Downloads are disabled for this video");
    }

    private static boolean restricted(Video v) {
        return v.privacy() == VideoPrivacy.PRIVATE;
    }

    /** PeerTube's download name: `<video name>-<resolution>p<extension>`. */
    private static String downloadName(Video v, VideoFile f, String extension) {
        return v.name() + "-" + f.resolution() + "p" + extension;
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

    private static String safeName(String name) {
        if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.startsWith(".")) throw missing();
        return name;
    }

    private static Problem missing() {
        return Problem.notFound("File not found");
    }
}
