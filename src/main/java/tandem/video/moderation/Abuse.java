package tandem.video.moderation;

import tandem.account.Account;

import java.util.List;

/**
 * One abuse report as moderators read it (PeerTube's AdminAbuse): who reported it (a local account, or
 * the actor URL of a remote instance that sent a Flag), what it names (a video, a comment, or only an
 * account), why, and what a moderator decided. `videoUuid`/`videoName` stay when the video is gone;
 * `countMessages` counts the reporter's and moderators' messages about it.
 */
public record Abuse(long id, Account reporter, String reporterUrl, Account flaggedAccount, Long videoId, String videoUuid, String videoName,
                    boolean videoDeleted, Long commentId, String commentText, Long commentThreadId, String reason, List<String> predefinedReasons,
                    Integer startAt, Integer endAt, AbuseState state, String moderationComment, long createdAt, long updatedAt,
                    int countMessages) {

    /** What the report is about, as PeerTube's filter `filter` names it. */
    public String kind() {
        if (commentId != null || commentText != null) return "comment";
        if (videoId != null || videoName != null) return "video";
        return "account";
    }
}
