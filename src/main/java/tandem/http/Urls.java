package tandem.http;

import tandem.account.Channel;
import tandem.core.Config;
import tandem.media.TorrentFile;
import tandem.video.Video;
import tandem.video.VideoFile;
import tandem.video.VideoPrivacy;

import java.util.List;

/** Where a video's files are served, PeerTube's URL layout (private videos under `private/`). */
public final class Urls {
    private final Config config;

    public Urls(Config config) {
        this.config = config;
    }

    public String base() {
        return config.publicUrl().toString();
    }

    private static String privateSegment(Video v) {
        return v.privacy() == VideoPrivacy.PRIVATE ? "private/" : "";
    }

    /** Base URL of media files: the zero-copy listener when configured. */
    public String mediaBase() {
        return config.mediaUrl().toString();
    }

    public String hlsDir(Video v) {
        return mediaBase() + "/static/streaming-playlists/hls/" + privateSegment(v) + v.uuid() + "/";
    }

    public String masterPlaylist(Video v) { return hlsDir(v) + v.masterName(); }
    public String segmentsSha256(Video v) { return hlsDir(v) + v.segmentsShaName(); }
    /** Our copy of a remote video's segment hashes (see {@link RemoteHashRoutes}). */
    public String remoteHashes(Video v) { return base() + RemoteHashRoutes.PREFIX + v.uuid() + "/" + RemoteHashRoutes.FILE; }

    public String fileUrl(Video v, VideoFile f) {
        return VideoFile.WEB.equals(f.kind())
                ? mediaBase() + "/static/web-videos/" + privateSegment(v) + f.fileName()
                : hlsDir(v) + f.fileName();
    }

    /** PeerTube's download addresses: the file's name alone, which starts with its video's file key. */
    public String downloadUrl(VideoFile f) {
        return base() + (VideoFile.WEB.equals(f.kind()) ? "/download/web-videos/" : "/download/streaming-playlists/hls/videos/") + f.fileName();
    }

    public String torrentUrl(VideoFile f) {
        return f.torrentName() == null ? null : base() + "/lazy-static/torrents/" + f.torrentName();
    }

    public String torrentDownloadUrl(VideoFile f) {
        return f.torrentName() == null ? null : base() + "/download/torrents/" + f.torrentName();
    }

    /**
     * A file's magnet link as PeerTube writes them: its torrent (`xs`), infohash, the video's name,
     * our trackers and the file itself as web seed, unless the video is private; null without a torrent.
     */
    public String magnetUri(Video v, VideoFile f) {
        if (f.infoHash() == null) return null;
        List<String> seeds = v.privacy() == VideoPrivacy.PRIVATE ? List.of() : List.of(fileUrl(v, f));
        return TorrentFile.magnetUri(f.infoHash(), v.name(), trackerUrls(), torrentUrl(f), seeds);
    }

    public String thumbnailPath(Video v) { return "/lazy-static/thumbnails/" + v.thumbnailName(); }
    public String previewPath(Video v) { return "/lazy-static/previews/" + v.thumbnailName(); }
    public String watchUrl(Video v) { return base() + "/videos/watch/" + v.uuid(); }
    public String embedUrl(Video v) { return base() + "/videos/embed/" + v.uuid(); }
    public String channelUrl(Channel c) { return base() + "/video-channels/" + c.name(); }

    /**
     * HTTP and WebSocket tracker URLs; the WebSocket one always names its port, as PeerTube's does,
     * and is the dedicated tracker listener's when one is configured.
     */
    public List<String> trackerUrls() {
        if (config.trackerSocketUrl() != null) return List.of(base() + "/tracker/announce", config.trackerSocketUrl());
        var u = config.publicUrl();
        boolean https = "https".equals(u.getScheme());
        int port = u.getPort() > 0 ? u.getPort() : (https ? 443 : 80);
        return List.of(base() + "/tracker/announce", (https ? "wss://" : "ws://") + u.getHost() + ":" + port + "/tracker/socket");
    }

    public String host() {
        return config.publicHost();
    }
}
