package tandem.http;

import tandem.p2p.Infohashes;
import tandem.mirror.OriginStatus;
import tandem.video.RemotePlayback;
import tandem.video.Video;
import tandem.video.VideoConstants;
import tandem.video.VideoFile;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Videos in PeerTube's JSON shapes: `Video` for lists, `VideoDetails` for one video. */
public final class VideoToDto {
    private final Urls urls;
    private final ActorToDto actors;

    public VideoToDto(Urls urls, ActorToDto actors) {
        this.urls = urls;
        this.actors = actors;
    }

    public Map<String, Object> summary(Video v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", v.id());
        m.put("uuid", v.uuid());
        m.put("shortUUID", tandem.core.ShortUuid.encode(v.uuid()));
        m.put("url", urls.watchUrl(v));
        m.put("name", v.name());
        m.put("category", constant(v.category(), v.category() == null ? null : VideoConstants.CATEGORIES.get(v.category())));
        m.put("licence", constant(v.licence(), v.licence() == null ? null : VideoConstants.LICENCES.get(v.licence())));
        m.put("language", constant(v.language(), v.language() == null ? null : VideoConstants.LANGUAGES.getOrDefault(v.language(), v.language())));
        m.put("privacy", constant(v.privacy().id, v.privacy().label));
        m.put("nsfw", v.nsfw());
        m.put("truncatedDescription", truncate(v.description(), 250));
        m.put("description", truncate(v.description(), 250));
        m.put("isLocal", v.isLocal());
        m.put("isLive", false);
        m.put("duration", v.duration());
        m.put("aspectRatio", v.aspectRatio());
        m.put("views", v.views());
        m.put("viewers", 0);
        m.put("likes", v.likes());
        m.put("dislikes", v.dislikes());
        m.put("thumbnailPath", urls.thumbnailPath(v));
        m.put("previewPath", urls.previewPath(v));
        m.put("thumbnailUrl", urls.base() + urls.thumbnailPath(v));
        m.put("previewUrl", urls.base() + urls.previewPath(v));
        m.put("embedPath", "/videos/embed/" + v.uuid());
        m.put("embedUrl", urls.base() + "/videos/embed/" + v.uuid());
        m.put("createdAt", Instant.ofEpochMilli(v.createdAt()));
        m.put("updatedAt", Instant.ofEpochMilli(v.updatedAt()));
        m.put("publishedAt", v.publishedAt() == null ? Instant.ofEpochMilli(v.createdAt()) : Instant.ofEpochMilli(v.publishedAt()));
        m.put("originallyPublishedAt", v.originallyPublishedAt() == null ? null : Instant.ofEpochMilli(v.originallyPublishedAt()));
        m.put("state", constant(v.state().id, v.state().label));
        m.put("waitTranscoding", v.waitTranscoding());
        m.put("transcodingProgress", v.transcodeProgress());
        // Not in PeerTube's list items; "my videos" shows why a transcode failed without a request per video.
        m.put("stateReason", v.stateReason());
        m.put("account", actors.accountSummary(v.channel().account()));
        m.put("channel", actors.channelSummary(v.channel()));
        return m;
    }

    /**
     * {@code mirrors}: the directory URLs of the video's mirrors (PeerTube's redundancies), origin file
     * names inside; {@code origin}: a remote video's origin state (null while unknown or for ours).
     */
    public Map<String, Object> details(Video v, List<VideoFile> files, java.util.Optional<RemotePlayback> remote, List<String> mirrors,
                                       OriginStatus origin) {
        if (remote.isPresent()) return remoteDetails(v, remote.get(), mirrors, origin);
        Map<String, Object> m = commonDetails(v);
        m.put("originStatus", originStatus(null));
        m.put("trackerUrls", urls.trackerUrls());
        List<VideoFile> web = files.stream().filter(f -> VideoFile.WEB.equals(f.kind())).toList();
        List<VideoFile> hls = files.stream().filter(f -> VideoFile.HLS.equals(f.kind())).toList();
        m.put("files", web.stream().map(f -> file(v, f)).toList());
        if (hls.isEmpty()) {
            m.put("streamingPlaylists", List.of());
        } else {
            Map<String, Object> playlist = new LinkedHashMap<>();
            playlist.put("id", v.id());
            playlist.put("type", 1);
            playlist.put("playlistUrl", urls.masterPlaylist(v));
            playlist.put("segmentsSha256Url", urls.segmentsSha256(v));
            playlist.put("redundancies", redundancies(mirrors));
            playlist.put("p2pMediaLoaderInfohashes", Infohashes.forMaster(urls.masterPlaylist(v), hls.size()));
            playlist.put("files", hls.stream().map(f -> file(v, f)).toList());
            m.put("streamingPlaylists", List.of(playlist));
        }
        return m;
    }

    private Map<String, Object> commonDetails(Video v) {
        Map<String, Object> m = summary(v);
        m.put("description", v.description());
        m.put("descriptionPath", "/api/v1/videos/" + v.uuid() + "/description");
        m.put("support", v.support());
        m.put("tags", v.tags());
        m.put("commentsEnabled", v.commentsPolicy() != 2);
        m.put("commentsPolicy", constant(v.commentsPolicy(), VideoConstants.COMMENTS_POLICIES.get(v.commentsPolicy())));
        m.put("downloadEnabled", v.downloadEnabled());
        m.put("inputFileUpdatedAt", null);
        m.put("account", actors.account(v.channel().account()));
        m.put("channel", actors.channel(v.channel()));
        return m;
    }

    /**
     * A remote video plays from its origin: the origin's playlist, hashes, trackers and swarm ids, or
     * (an origin without HLS) its web-video files.
     */
    private Map<String, Object> remoteDetails(Video v, RemotePlayback r, List<String> mirrors, OriginStatus origin) {
        Map<String, Object> m = commonDetails(v);
        m.put("originStatus", originStatus(origin));
        m.put("url", r.url());
        m.put("trackerUrls", r.trackers());
        m.put("files", r.webFiles().stream().map(VideoToDto::remoteFile).toList());
        if (r.playlistUrl() == null) {
            m.put("streamingPlaylists", List.of());
            return m;
        }
        Map<String, Object> playlist = new LinkedHashMap<>();
        playlist.put("id", v.id());
        playlist.put("type", 1);
        // While the origin is down a mirror's copy of the playlists stands in; the hashes stay ours (a
        // mirror must not vouch for its own bytes) and the swarm the origin's, so viewers stay together.
        boolean standIn = origin != null && origin.mirrorBase() != null;
        playlist.put("playlistUrl", standIn ? origin.mirrorMaster() : r.playlistUrl());
        playlist.put("segmentsSha256Url", standIn && origin.ownHashes() ? urls.remoteHashes(v) : r.sha256Url());
        playlist.put("redundancies", redundancies(mirrors));
        playlist.put("p2pMediaLoaderInfohashes", r.infohashes());
        playlist.put("files", r.files().stream().map(VideoToDto::remoteFile).toList());
        m.put("streamingPlaylists", List.of(playlist));
        return m;
    }

    /** Our extension: whether the origin answers, since when not, and which mirror the video plays from meanwhile. */
    private static Map<String, Object> originStatus(OriginStatus o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("reachable", o == null || o.reachable());
        m.put("unreachableSince", o == null || o.unreachableSince() == null ? null : java.time.Instant.ofEpochMilli(o.unreachableSince()).toString());
        m.put("playingFrom", o == null ? null : o.playingFrom());
        return m;
    }

    private static List<Map<String, Object>> redundancies(List<String> mirrors) {
        return mirrors.stream().map(u -> Map.<String, Object>of("baseUrl", u)).toList();
    }

    /** A file at the origin: what its Video object told (no torrent, no metadata of ours). */
    private static Map<String, Object> remoteFile(RemotePlayback.File f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", null);
        m.putAll(rendition(f.resolution(), f.size(), f.width(), f.height(), f.fps()));
        m.put("hasAudio", f.hasAudio());
        m.put("hasVideo", f.hasVideo() != null ? f.hasVideo() : f.resolution() > 0);
        m.put("fileUrl", f.url());
        m.put("fileDownloadUrl", f.url());
        m.put("torrentUrl", null);
        m.put("torrentDownloadUrl", null);
        m.put("magnetUri", null);
        m.put("metadataUrl", null);
        m.put("storage", 0);
        return m;
    }

    /** What PeerTube's file entries start with, ours and remote ones alike. */
    private static Map<String, Object> rendition(int resolution, long size, int width, int height, Number fps) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("resolution", Map.of("id", resolution, "label", resolution == 0 ? "Audio only" : resolution + "p"));
        m.put("size", size);
        m.put("width", width);
        m.put("height", height);
        m.put("fps", fps);
        return m;
    }

    private Map<String, Object> file(Video v, VideoFile f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", f.id());
        m.putAll(rendition(f.resolution(), f.size(), f.width(), f.height(), f.fps()));
        m.put("hasAudio", f.hasAudio());
        m.put("hasVideo", f.hasVideo());
        m.put("fileUrl", urls.fileUrl(v, f));
        m.put("fileDownloadUrl", urls.downloadUrl(f));
        if (VideoFile.HLS.equals(f.kind())) m.put("playlistUrl", urls.hlsDir(v) + v.fileKey() + "-" + f.resolution() + ".m3u8");
        m.put("torrentUrl", urls.torrentUrl(f));
        m.put("torrentDownloadUrl", urls.torrentDownloadUrl(f));
        m.put("magnetUri", urls.magnetUri(v, f));
        m.put("metadataUrl", null);
        m.put("storage", 0);
        return m;
    }

    private static Map<String, Object> constant(Object id, String label) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("label", label == null ? "Unknown" : label);
        return m;
    }

    private static String truncate(String s, int max) {
        if (s == null || s.length() <= max) return s;
        return s.substring(0, max - 3) + "...";
    }
}
