package tandem.video;

import tandem.account.Channel;

import java.util.List;

/** A video row with its tags and channel, as the domain sees it. */
public record Video(long id, String uuid, String name, String description, String support, Integer category,
                   Integer licence, String language, VideoPrivacy privacy, boolean nsfw, boolean downloadEnabled,
                   int commentsPolicy, boolean waitTranscoding, VideoState state, String stateReason,
                   int transcodeProgress, int duration, Double aspectRatio, long inputSize, String inputName,
                   String fileKey, long views, long likes, long dislikes, boolean isLocal, boolean hasThumbnail, int thumbnailVersion,
                   long createdAt, long updatedAt, Long publishedAt, Long originallyPublishedAt,
                   List<String> tags, Channel channel) {

    public String masterName() { return fileKey + "-master.m3u8"; }
    public String segmentsShaName() { return fileKey + "-segments-sha256.json"; }
    /** The stills' file name; a replaced thumbnail gets a new one (caches of browsers and other instances key on it). */
    public String thumbnailName() { return thumbnailVersion == 0 ? fileKey + ".jpg" : fileKey + "-" + thumbnailVersion + ".jpg"; }

    public boolean ownedBy(long accountId) {
        return channel.account().id() == accountId;
    }
}
