package tandem.video;

/**
 * One of a user's notifications: PeerTube's `type` number, whether it was read, and the video and
 * comment it is about (either may be null), or the abuse report (its id, null for other types).
 */
public record Notification(long id, int type, boolean read, long createdAt, VideoRef video, CommentRef comment, Long abuseId) {
    /** The video a notification names, with its channel. */
    public record VideoRef(long id, String uuid, String name, long channelId, String channelName, String channelDisplayName, String channelHost) {}

    /** The comment a notification names, with its author. */
    public record CommentRef(long id, long threadId, long accountId, String accountName, String accountDisplayName, String accountHost) {}
}
