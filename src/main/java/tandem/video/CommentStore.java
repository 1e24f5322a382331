package tandem.video;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import tandem.account.Account;
import tandem.db.Rows;

import java.util.List;
import java.util.Optional;

/** SQL for comments. */
public final class CommentStore {
    private static final String SELECT = select("");

    /** A comment with its author and its video; `repliesShown` narrows which replies `total_replies` counts (`r` and their authors `ra`). */
    private static String select(String repliesShown) {
        return """
                SELECT c.*, v.uuid AS v_uuid, a.id AS a_id, a.user_id AS a_user_id, a.name AS a_name, a.host AS a_host, a.display_name AS a_display_name,
                       a.description AS a_description, a.created_at AS a_created_at,
                       (SELECT COUNT(*) FROM video_comments r JOIN accounts ra ON ra.id = r.account_id WHERE r.thread_id = c.id AND r.id <> c.id%s) AS total_replies
                FROM video_comments c JOIN accounts a ON a.id = c.account_id JOIN videos v ON v.id = c.video_id""".formatted(repliesShown);
    }
    private static final RowMapper<Comment> COMMENT = (rs, ctx) -> new Comment(rs.getLong("id"), rs.getLong("video_id"),
            rs.getString("v_uuid"), rs.getLong("thread_id"), Rows.longOrNull(rs, "in_reply_to"), rs.getString("text"), rs.getLong("created_at"),
            rs.getLong("updated_at"), Rows.longOrNull(rs, "deleted_at"),
            new Account(rs.getLong("a_id"), Rows.longOrNull(rs, "a_user_id"), rs.getString("a_name"), rs.getString("a_host"),
                    rs.getString("a_display_name"), rs.getString("a_description"), rs.getLong("a_created_at")),
            rs.getInt("total_replies"), rs.getString("url"), rs.getBoolean("held_for_review"), rs.getString("reply_approval"));

    /**
     * Who reads a listing: a comment held for review shows only to the video's managers (its owner,
     * moderators) and to its author, as on PeerTube. `account` is the reader's, or 0 for a visitor;
     * `videoOwner` the account that owns the video.
     */
    public record Reader(boolean seesHeld, long account, long videoOwner) {
        public boolean sees(Comment c) {
            return seesHeld || !c.heldForReview() || c.account().id() == account;
        }

        /**
         * Whose comments are hidden, as PeerTube: the accounts and servers the instance blocked, those the
         * reader muted, and those the video's owner muted (their mutes keep their videos clean for everyone).
         */
        private Muting muting() {
            Muting m = Muting.seenBy(account == 0 ? null : account);
            return account == videoOwner ? m : m.and(String.valueOf(videoOwner));
        }

        /** The WHERE of a listing whose comments are `c`, joined to their authors as `a`. */
        private String filter() {
            // Numbers from our own rows, never the client's text: safe to inline.
            String held = seesHeld ? "" : " AND (c.held_for_review = FALSE OR c.account_id = " + account + ")";
            return held + " AND " + muting().shows("a.id", "a.host");
        }

        /** The replies a thread's count leaves out, as PeerTube: the hidden authors' (held ones still count). */
        private String repliesShown() {
            return " AND " + muting().shows("ra.id", "ra.host");
        }
    }

    /** What other servers read: comments approved or never held. */
    private static final String FEDERATED = " AND c.held_for_review = FALSE";

    private final Jdbi jdbi;

    public CommentStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * Inserts a comment in the caller's transaction; a root becomes its own thread; `url` is the AP id
     * of a remote one; `held` keeps it for the video owner's review.
     */
    public long insert(Handle h, long videoId, long accountId, Long threadId, Long inReplyTo, String text, long createdAt, long now, String url,
                       boolean held) {
        long id = h.createQuery("""
                INSERT INTO video_comments (video_id, account_id, thread_id, in_reply_to, text, created_at, updated_at, url, held_for_review)
                VALUES (:v, :a, :t, :r, :text, :created, :now, :url, :held) RETURNING id""")
                .bind("v", videoId).bind("a", accountId).bind("t", threadId).bind("r", inReplyTo).bind("text", text)
                .bind("created", createdAt).bind("now", now).bind("url", url).bind("held", held)
                .mapTo(Long.class).one();
        if (threadId == null) h.createUpdate("UPDATE video_comments SET thread_id = id WHERE id = :id").bind("id", id).execute();
        return id;
    }

    /** A comment by its id alone (federation meets comments without their video). */
    public Optional<Comment> byId(long id) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + " WHERE c.id = :id").bind("id", id).map(COMMENT).findOne());
    }

    /** A remote comment by its ActivityPub id. */
    public Optional<Comment> byUrl(String url) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + " WHERE c.url = :u").bind("u", url).map(COMMENT).findOne());
    }

    public Optional<Comment> byId(long videoId, long id) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + " WHERE c.video_id = :v AND c.id = :id").bind("v", videoId).bind("id", id)
                .map(COMMENT).findOne());
    }

    public List<Comment> threads(long videoId, Reader reader, int start, int count, boolean newestFirst) {
        return jdbi.withHandle(h -> h.createQuery(select(reader.repliesShown()) + " WHERE c.video_id = :v AND c.in_reply_to IS NULL" + reader.filter() + " ORDER BY c.created_at "
                        + (newestFirst ? "DESC" : "ASC") + ", c.id LIMIT :count OFFSET :start")
                .bind("v", videoId).bind("count", count).bind("start", start).map(COMMENT).list());
    }

    /**
     * Every comment of a video, replies and tombstones included, oldest first: what its ActivityPub
     * `comments` collection lists (a PeerTube refreshing the video deletes the comments it does not find there).
     */
    public List<Comment> all(long videoId, int start, int count) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + " WHERE c.video_id = :v" + FEDERATED + " ORDER BY c.created_at, c.id LIMIT :count OFFSET :start")
                .bind("v", videoId).bind("count", count).bind("start", start).map(COMMENT).list());
    }

    public long countAll(long videoId) {
        return count(videoId, FEDERATED);
    }

    public long countThreads(long videoId, Reader reader) {
        return count(videoId, " AND c.in_reply_to IS NULL" + reader.filter());
    }

    public long countNotDeleted(long videoId, Reader reader) {
        return count(videoId, " AND c.deleted_at IS NULL" + reader.filter());
    }

    private long count(long videoId, String where) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM video_comments c JOIN accounts a ON a.id = c.account_id WHERE c.video_id = :v" + where)
                .bind("v", videoId).mapTo(Long.class).one());
    }

    public List<Comment> thread(long videoId, Reader reader, long threadId) {
        return jdbi.withHandle(h -> h.createQuery(select(reader.repliesShown()) + " WHERE c.video_id = :v AND c.thread_id = :t" + reader.filter() + " ORDER BY c.created_at, c.id")
                .bind("v", videoId).bind("t", threadId).map(COMMENT).list());
    }

    /** The video's owner let a held comment through; `replyApproval` is the origin's ApproveReply for one of ours, else null. */
    public void approve(Handle h, long id, String replyApproval) {
        h.createUpdate("UPDATE video_comments SET held_for_review = FALSE, reply_approval = COALESCE(:a, reply_approval) WHERE id = :id")
                .bind("a", replyApproval).bind("id", id).execute();
    }

    /** PeerTube keeps deleted comments as tombstones so replies keep their place. */
    public void softDelete(Handle h, long id, long now) {
        h.createUpdate("UPDATE video_comments SET text = '', deleted_at = :now, updated_at = :now WHERE id = :id")
                .bind("now", now).bind("id", id).execute();
    }

    /**
     * Deletes an account's comments and every reply beneath them, as PeerTube's cascade does: a reply
     * left under a vanished parent would point nowhere.
     */
    public void deleteAllBy(Handle h, long accountId) {
        h.createUpdate("""
                WITH RECURSIVE doomed(id) AS (
                    SELECT id FROM video_comments WHERE account_id = :a
                    UNION
                    SELECT c.id FROM video_comments c JOIN doomed d ON c.in_reply_to = d.id)
                DELETE FROM video_comments WHERE id IN (SELECT id FROM doomed)""")
                .bind("a", accountId).execute();
    }
}
