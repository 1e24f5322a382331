package tandem.federation;

import java.util.List;

/** A remote `Video` object, validated: what we store to list it and play it from its origin. */
public record RemoteVideo(String url, String uuid, String name, String description, String support, Integer category,
                          Integer licence, String language, boolean nsfw, boolean downloadEnabled, int commentsPolicy,
                          int duration, Double aspectRatio, long views, long published, long updated, Long originallyPublished,
                          List<String> tags, String playlistUrl, String sha256Url, List<String> infohashes, List<String> trackers,
                          List<File> files, String thumbnailUrl, String ownerUrl, String channelUrl, String likesUrl, String dislikesUrl) {

    /** One HLS rendition as listed in the playlist link's tags. */
    public record File(int resolution, int width, int height, int fps, long size, String url) {}
}
