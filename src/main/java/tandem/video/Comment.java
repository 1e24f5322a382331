package tandem.video;

import tandem.account.Account;

/** A comment on a video; a thread's root has `threadId == id` and no `inReplyTo`. */
public record Comment(long id, long videoId, long threadId, Long inReplyTo, String text, long createdAt, long updatedAt,
                      Long deletedAt, Account account, int totalReplies) {
    public boolean deleted() {
        return deletedAt != null;
    }
}
