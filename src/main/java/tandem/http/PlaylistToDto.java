package tandem.http;

import tandem.core.ShortUuid;
import tandem.video.Playlist;
import tandem.video.PlaylistElement;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Playlists and their elements in PeerTube's JSON shapes (`VideoPlaylist`, `VideoPlaylistElement`). */
public final class PlaylistToDto {
    private static final Map<Integer, String> PRIVACIES = Map.of(1, "Public", 2, "Unlisted", 3, "Private");

    private final Urls urls;
    private final ActorToDto actors;
    private final VideoToDto videos;

    public PlaylistToDto(Urls urls, ActorToDto actors, VideoToDto videos) {
        this.urls = urls;
        this.actors = actors;
        this.videos = videos;
    }

    /** `/video-playlists/privacies`: the labels by id, as strings (PeerTube's keys). */
    public Map<String, Object> privacies() {
        return Map.of("1", "Public", "2", "Unlisted", "3", "Private");
    }

    public Map<String, Object> playlist(Playlist p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id());
        m.put("uuid", p.uuid());
        m.put("shortUUID", ShortUuid.encode(p.uuid()));
        m.put("isLocal", true);
        m.put("url", urls.base() + "/video-playlists/" + p.uuid());
        m.put("displayName", p.displayName());
        m.put("description", p.description());
        m.put("privacy", Map.of("id", p.privacy(), "label", PRIVACIES.get(p.privacy())));
        m.put("thumbnailPath", null);
        m.put("videosLength", p.videosLength());
        m.put("type", Map.of("id", p.type(), "label", p.type() == Playlist.WATCH_LATER ? "Watch later" : "Regular"));
        m.put("embedPath", "/video-playlists/embed/" + p.uuid());
        m.put("createdAt", Instant.ofEpochMilli(p.createdAt()));
        m.put("updatedAt", Instant.ofEpochMilli(p.updatedAt()));
        m.put("ownerAccount", actors.accountSummary(p.owner()));
        m.put("videoChannel", p.channel() == null ? null : actors.channelSummary(p.channel()));
        return m;
    }

    /** The answer to a creation: only what identifies the new playlist. */
    public Map<String, Object> created(Playlist p) {
        return Map.of("videoPlaylist", Map.of("id", p.id(), "uuid", p.uuid(), "shortUUID", ShortUuid.encode(p.uuid())));
    }

    /** An element; type 2 ("unavailable") with a null video when the video is gone or hidden from this viewer. */
    public Map<String, Object> element(PlaylistElement e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("position", e.position());
        m.put("startTimestamp", e.startTimestamp());
        m.put("stopTimestamp", e.stopTimestamp());
        m.put("type", e.video() == null ? 2 : 0);
        m.put("video", e.video() == null ? null : videos.summary(e.video()));
        return m;
    }

    /** The answer to an addition: the new element's id. */
    public Map<String, Object> added(long elementId) {
        return Map.of("videoPlaylistElement", Map.of("id", elementId));
    }
}
