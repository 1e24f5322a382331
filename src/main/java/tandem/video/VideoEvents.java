package tandem.video;

import org.jdbi.v3.core.Handle;

/**
 * What other capabilities (federation) must hear about videos, told inside the transaction that
 * made the change so a follow-up job is queued exactly when the change commits. `app` wires the
 * implementation; `video` never knows who listens.
 */
public interface VideoEvents {
    /** A video became playable (first publication, or a new set of files). */
    void published(Handle h, long videoId);

    /** Metadata or privacy changed. */
    void updated(Handle h, long videoId);

    /** The video is about to be deleted (its row is still there). */
    void deleting(Handle h, Video video);

    void commented(Handle h, long commentId);

    void commentDeleted(Handle h, long commentId);

    /**
     * A comment held for review was approved here, or a remote one on our video was accepted without
     * review: its author hears of it (ours federates, a remote author's server gets an ApproveReply).
     */
    void commentApproved(Handle h, long commentId);

    /** A local account's rating changed from `old` to `rating` ("like", "dislike" or "none"). */
    void rated(Handle h, long videoId, long accountId, String old, String rating);

    /** A view was counted on this instance. */
    void viewed(Handle h, long videoId);

    /** A remote video was shown from a copy old enough that its origin may have changed or removed it. */
    void remoteStale(Handle h, long videoId);

    /** Listens to nothing: tests and tools that run without federation. */
    VideoEvents NONE = new VideoEvents() {
        public void published(Handle h, long videoId) {}
        public void updated(Handle h, long videoId) {}
        public void deleting(Handle h, Video video) {}
        public void commented(Handle h, long commentId) {}
        public void commentDeleted(Handle h, long commentId) {}
        public void commentApproved(Handle h, long commentId) {}
        public void rated(Handle h, long videoId, long accountId, String old, String rating) {}
        public void viewed(Handle h, long videoId) {}
        public void remoteStale(Handle h, long videoId) {}
    };
}
