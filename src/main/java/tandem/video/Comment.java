package tandem.video;

import tandem.account.Account;

/**
 * A comment on a video; a thread's root has `threadId == id` and no `inReplyTo`. `url` is the
 * ActivityPub id of a comment written elsewhere (null for ours, whose id is built from `videoUuid`).
 * A comment `heldForReview` waits for the video owner's approval; `replyApproval` is the id of the
 * ApproveReply a remote video's origin sent for one of ours.
 */
public record Comment(long id, long videoId, String videoUuid, long threadId, Long inReplyTo, String text, long createdAt, long updatedAt,
                      Long deletedAt, Account account, int totalReplies, String url, boolean heldForReview, String replyApproval) {
    public boolean deleted() {
        return deletedAt != null;
    }
}
