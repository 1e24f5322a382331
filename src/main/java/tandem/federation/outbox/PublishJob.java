package tandem.federation.outbox;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * What a publish job announces: one local change, turned into activities by {@link Publisher}. The
 * `kind` names and field names are those of the rows written before payloads were typed, so those
 * rows still run.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = PublishJob.VideoChanged.class, name = "video"),
        @JsonSubTypes.Type(value = PublishJob.VideoDeleted.class, name = "video-deleted"),
        @JsonSubTypes.Type(value = PublishJob.ChannelUpdated.class, name = "channel-updated"),
        @JsonSubTypes.Type(value = PublishJob.ChannelDeleted.class, name = "channel-deleted"),
        @JsonSubTypes.Type(value = PublishJob.AccountUpdated.class, name = "account-updated"),
        @JsonSubTypes.Type(value = PublishJob.InstanceUpdated.class, name = "instance-updated"),
        @JsonSubTypes.Type(value = PublishJob.SharesDue.class, name = "shares"),
        @JsonSubTypes.Type(value = PublishJob.CommentChanged.class, name = "comment"),
        @JsonSubTypes.Type(value = PublishJob.CommentDeleted.class, name = "comment-deleted"),
        @JsonSubTypes.Type(value = PublishJob.CommentApproved.class, name = "comment-approved"),
        @JsonSubTypes.Type(value = PublishJob.Rated.class, name = "rate"),
        @JsonSubTypes.Type(value = PublishJob.Viewed.class, name = "view")})
public sealed interface PublishJob {
    /** A local video was published or changed: Create the first time, Update after (or Delete once it went private). */
    record VideoChanged(long videoId) implements PublishJob {}

    /** A local video is gone; its row with it, so the job carries what the Delete needs. */
    record VideoDeleted(String url, String uuid, long accountId, long channelId) implements PublishJob {}

    /** A local channel's profile changed. */
    record ChannelUpdated(long channelId) implements PublishJob {}

    /** A local channel was deleted; its actor row (`actorId`), untied from it, stays to sign the Delete. */
    record ChannelDeleted(long actorId) implements PublishJob {}

    /** A local account's profile changed. */
    record AccountUpdated(long accountId) implements PublishJob {}

    /** Our instance actor changed (its capacity pledge): Update of it to its followers. */
    record InstanceUpdated() implements PublishJob {}

    /** The instance's and the channel's Announce of a video just created. */
    record SharesDue(long videoId) implements PublishJob {}

    /** A comment was written (or edited). */
    record CommentChanged(long commentId) implements PublishJob {}

    /** A comment was deleted. */
    record CommentDeleted(long commentId) implements PublishJob {}

    /** A comment held for review was approved, or a remote one on our video accepted without review. */
    record CommentApproved(long commentId) implements PublishJob {}

    /** A local account rated a video: `like`, `dislike` or `none`, and what it was before. */
    record Rated(long videoId, long accountId, String old, String rating) implements PublishJob {}

    /** A video was watched. */
    record Viewed(long videoId) implements PublishJob {}
}
