package tandem.federation.vocab;

import java.util.List;

/**
 * A remote `Video` object, validated: what we store to list it and play it from its origin.
 * `privacy` is 1 (public) or 2 (unlisted: not addressed to the public collection). `files`
 * are the HLS playlist's renditions; `webFiles` the progressive MP4s ("web videos") that an origin
 * without HLS offers instead, highest resolution first as PeerTube lists them. `previewUrl` is the
 * larger image of its icons, null when it has none.
 */
public record RemoteVideo(String url, String uuid, String name, String description, String support, Integer category,
                          Integer licence, String language, int privacy, boolean nsfw, boolean downloadEnabled, int commentsPolicy,
                          int duration, Double aspectRatio, long views, long published, long updated, Long originallyPublished,
                          List<String> tags, String playlistUrl, String sha256Url, List<String> infohashes, List<String> trackers,
                          List<File> files, List<File> webFiles, String thumbnailUrl, String previewUrl, String ownerUrl, String channelUrl, String likesUrl, String dislikesUrl) {

    /** One rendition: in the HLS playlist link's tags, or a web-video file link; which streams it carries. */
    public record File(int resolution, int width, int height, int fps, long size, String url, boolean hasAudio, boolean hasVideo) {}
}
