package tandem.video;

import tandem.account.User;
import tandem.account.UserAdministration;

/**
 * Deletes a user the way PeerTube does: the account, its channels and its videos go, stored files
 * included (through the same job as a single video's deletion), and so do the user's comments and
 * ratings, with the like counters of other people's videos put right. One transaction.
 */
public final class UserRemoval {
    private final UserAdministration admin;
    private final VideoService videos;
    private final EngagementService engagement;
    private final CommentStore comments;

    public UserRemoval(UserAdministration admin, VideoService videos, EngagementService engagement, CommentStore comments) {
        this.admin = admin;
        this.videos = videos;
        this.engagement = engagement;
        this.comments = comments;
    }

    public void remove(User actor, long userId) {
        admin.delete(actor, userId, (h, user) -> {
            videos.removeAllOf(h, user.accountId());
            engagement.forgetRatingsOf(h, user.accountId());
            comments.deleteAllBy(h, user.accountId());
        });
    }
}
