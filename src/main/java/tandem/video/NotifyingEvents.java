package tandem.video;

import org.jdbi.v3.core.Handle;

/**
 * Video events as the rest of the system hears them, plus users' notifications for our own new
 * videos and comments, in the same transaction (remote ones are notified by the inbox handlers).
 */
public record NotifyingEvents(VideoEvents next, Notifications notifications) implements VideoEvents {
    @Override
    public void published(Handle h, long videoId) {
        next.published(h, videoId);
        notifications.videoPublished(h, videoId);
    }

    @Override
    public void updated(Handle h, long videoId) {
        next.updated(h, videoId);
    }

    @Override
    public void deleting(Handle h, Video video) {
        next.deleting(h, video);
    }

    @Override
    public void commented(Handle h, long commentId) {
        next.commented(h, commentId);
        notifications.commented(h, commentId);
    }

    @Override
    public void commentDeleted(Handle h, long commentId) {
        next.commentDeleted(h, commentId);
    }

    @Override
    public void commentApproved(Handle h, long commentId) {
        next.commentApproved(h, commentId);
    }

    @Override
    public void rated(Handle h, long videoId, long accountId, String old, String rating) {
        next.rated(h, videoId, accountId, old, rating);
    }

    @Override
    public void viewed(Handle h, long videoId) {
        next.viewed(h, videoId);
    }

    @Override
    public void remoteStale(Handle h, long videoId) {
        next.remoteStale(h, videoId);
    }
}
