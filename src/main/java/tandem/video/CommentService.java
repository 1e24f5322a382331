package tandem.video;

import tandem.account.User;
import tandem.core.Page;
import tandem.core.Problem;
import tandem.db.Transactions;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Comment threads and replies on videos, with PeerTube's rules on who may write, delete and approve:
 * on a video whose comments require approval (policy 3), a comment waits for its owner's review.
 */
public final class CommentService {
    public static final int MAX_TEXT = 10_000;
    /** PeerTube's `commentsPolicy` values: 1 enabled, 2 disabled, 3 requires approval. */
    public static final int DISABLED = 2;
    public static final int REQUIRES_APPROVAL = 3;

    private final Transactions transactions;
    private final CommentStore store;
    private final VideoService videos;
    private final Clock clock;
    private final VideoEvents events;

    public CommentService(Transactions transactions, CommentStore store, VideoService videos, Clock clock, VideoEvents events) {
        this.events = events;
        this.transactions = transactions;
        this.store = store;
        this.videos = videos;
        this.clock = clock;
    }

    /** A thread root with its replies as a tree. */
    public record Tree(Comment comment, List<Tree> children) {}

    public Comment createThread(User user, String videoId, String text) {
        Video v = writable(user, videoId);
        long id = insert(v, user, null, null, checkText(text));
        return store.byId(v.id(), id).orElseThrow();
    }

    public Comment reply(User user, String videoId, long commentId, String text) {
        Video v = writable(user, videoId);
        Comment parent = store.byId(v.id(), commentId).filter(reader(Optional.of(user), v)::sees)
                .orElseThrow(() -> Problem.notFound("Video comment " + commentId + " not found"));
        if (parent.deleted()) throw Problem.conflict("Cannot reply to a deleted comment");
        long id = insert(v, user, parent.threadId(), parent.id(), checkText(text));
        return store.byId(v.id(), id).orElseThrow();
    }

    /** The author, the video's owner and moderators may delete a comment; it stays as a tombstone. */
    public void delete(User user, String videoId, long commentId) {
        Video v = videos.visible(Optional.of(user), videoId);
        Comment c = store.byId(v.id(), commentId).orElseThrow(() -> Problem.notFound("Video comment " + commentId + " not found"));
        boolean allowed = c.account().id() == user.accountId() || videos.canManage(Optional.of(user), v);
        if (!allowed) throw Problem.forbidden("Cannot remove video comment of another user");
        if (!c.deleted()) transactions.useTransaction(h -> {
            store.softDelete(h, c.id(), clock.millis());
            events.commentDeleted(h, c.id());
        });
    }

    /**
     * The video's owner or a moderator lets a held comment through (PeerTube's errors, in its order).
     * Its author hears of it: ours federates now, a remote one's server gets an ApproveReply.
     */
    public void approve(User user, String videoId, long commentId) {
        Video v = videos.visible(Optional.of(user), videoId);
        Comment c = store.byId(v.id(), commentId).orElseThrow(() -> Problem.notFound("Video comment " + commentId + " not found"));
        if (c.deleted()) throw Problem.conflict("This comment is deleted");
        if (!c.heldForReview()) throw Problem.badRequest("This comment is not held for review");
        if (!videos.canManage(Optional.of(user), v)) throw Problem.forbidden("Cannot approve video comment of another user");
        transactions.useTransaction(h -> {
            store.approve(h, c.id(), null);
            events.commentApproved(h, c.id());
        });
    }

    /**
     * Whether a new comment waits for review: on a video that requires approval, unless written by the
     * owner or a moderator of our own video. Ours on a remote video waits for its origin's approval.
     */
    private boolean held(Video v, User user) {
        return v.commentsPolicy() == REQUIRES_APPROVAL && !(v.isLocal() && videos.canManage(Optional.of(user), v));
    }

    private long insert(Video v, User user, Long threadId, Long inReplyTo, String text) {
        long now = clock.millis();
        boolean held = held(v, user);
        return transactions.inTransaction(h -> {
            long id = store.insert(h, v.id(), user.accountId(), threadId, inReplyTo, text, now, now, null, held);
            events.commented(h, id);
            return id;
        });
    }

    public Page<Comment> threads(Optional<User> viewer, String videoId, int start, int count, boolean newestFirst) {
        Video v = videos.visible(viewer, videoId);
        CommentStore.Reader reader = reader(viewer, v);
        return new Page<>(store.countThreads(v.id(), reader), store.threads(v.id(), reader, start, count, newestFirst));
    }

    public long notDeleted(Optional<User> viewer, String videoId) {
        Video v = videos.visible(viewer, videoId);
        return store.countNotDeleted(v.id(), reader(viewer, v));
    }

    public Tree thread(Optional<User> viewer, String videoId, long threadId) {
        Video v = videos.visible(viewer, videoId);
        List<Comment> all = store.thread(v.id(), reader(viewer, v), threadId);
        Comment root = all.stream().filter(c -> c.id() == threadId).findFirst()
                .orElseThrow(() -> Problem.notFound("Video comment thread " + threadId + " not found"));
        return tree(root, all);
    }

    private static Tree tree(Comment node, List<Comment> all) {
        return new Tree(node, all.stream().filter(c -> c.inReplyTo() != null && c.inReplyTo() == node.id()).map(c -> tree(c, all)).toList());
    }

    /** The video's managers see every held comment; others only their own. */
    private CommentStore.Reader reader(Optional<User> viewer, Video v) {
        return new CommentStore.Reader(videos.canManage(viewer, v), viewer.map(User::accountId).orElse(0L), v.channel().account().id());
    }

    private Video writable(User user, String videoId) {
        Video v = videos.visible(Optional.of(user), videoId);
        if (v.commentsPolicy() == DISABLED) throw Problem.conflict("Video with comments disabled");
        return v;
    }

    static String checkText(String text) {
        if (text == null || text.isBlank() || text.length() > MAX_TEXT) {
            throw Problem.invalidParam("text", "Should have a valid comment text (1 to " + MAX_TEXT + " characters)");
        }
        return text;
    }
}
