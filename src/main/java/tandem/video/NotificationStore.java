package tandem.video;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import tandem.db.Rows;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** SQL for users' notifications and their settings; inserts run in the caller's transaction. */
public final class NotificationStore {
    private static final String SELECT = """
            SELECT n.id, n.type, n.is_read, n.created_at, n.abuse_id,
                v.id AS video_id, v.uuid AS video_uuid, v.name AS video_name,
                ch.id AS channel_id, ch.name AS channel_name, ch.display_name AS channel_display_name, ch.host AS channel_host,
                c.id AS comment_id, c.thread_id AS comment_thread_id,
                ca.id AS comment_account_id, ca.name AS comment_account_name, ca.display_name AS comment_account_display_name, ca.host AS comment_account_host
            FROM user_notifications n
            LEFT JOIN videos v ON v.id = n.video_id
            LEFT JOIN channels ch ON ch.id = v.channel_id
            LEFT JOIN video_comments c ON c.id = n.comment_id
            LEFT JOIN accounts ca ON ca.id = c.account_id
            """;

    private final Jdbi jdbi;

    public NotificationStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** What a comment needs to find who hears of it. */
    public record CommentFacts(long id, long videoId, long authorAccountId, Long authorUserId, Long parentAuthorUserId, Long videoOwnerUserId,
                               String text, boolean held, boolean videoPublic) {}

    public Optional<CommentFacts> commentFacts(Handle h, long commentId) {
        return h.createQuery("""
                SELECT c.id, c.video_id, c.account_id, a.user_id AS author_user, pa.user_id AS parent_user, oa.user_id AS owner_user,
                    c.text, c.held_for_review, v.privacy
                FROM video_comments c
                JOIN accounts a ON a.id = c.account_id
                JOIN videos v ON v.id = c.video_id
                JOIN channels ch ON ch.id = v.channel_id
                JOIN accounts oa ON oa.id = ch.account_id
                LEFT JOIN video_comments p ON p.id = c.in_reply_to
                LEFT JOIN accounts pa ON pa.id = p.account_id
                WHERE c.id = :id""").bind("id", commentId)
                .map((rs, ctx) -> new CommentFacts(rs.getLong("id"), rs.getLong("video_id"), rs.getLong("account_id"),
                        Rows.longOrNull(rs, "author_user"), Rows.longOrNull(rs, "parent_user"),
                        Rows.longOrNull(rs, "owner_user"), rs.getString("text"), rs.getBoolean("held_for_review"),
                        rs.getInt("privacy") == VideoPrivacy.PUBLIC.id))
                .findOne();
    }

    /** The user of a local account with this name, if any. */
    public Optional<Long> localUser(Handle h, String accountName) {
        return h.createQuery("SELECT user_id FROM accounts WHERE host IS NULL AND name = :n AND user_id IS NOT NULL")
                .bind("n", accountName).mapTo(Long.class).findOne();
    }

    /** A user's setting (PeerTube's bit field: 1 web, 2 e-mail); `fallback` when never set. */
    public int setting(Handle h, long userId, String name, int fallback) {
        return h.createQuery("SELECT value FROM user_notification_settings WHERE user_id = :u AND name = :n")
                .bind("u", userId).bind("n", name).mapTo(Integer.class).findOne().orElse(fallback);
    }

    public Map<String, Integer> settings(long userId) {
        return jdbi.withHandle(h -> {
            Map<String, Integer> out = new LinkedHashMap<>();
            h.createQuery("SELECT name, value FROM user_notification_settings WHERE user_id = :u").bind("u", userId)
                    .map((rs, ctx) -> Map.entry(rs.getString("name"), rs.getInt("value"))).forEach(e -> out.put(e.getKey(), e.getValue()));
            return out;
        });
    }

    public void putSettings(long userId, Map<String, Integer> values) {
        jdbi.useTransaction(h -> values.forEach((name, value) -> {
            h.createUpdate("DELETE FROM user_notification_settings WHERE user_id = :u AND name = :n").bind("u", userId).bind("n", name).execute();
            h.createUpdate("INSERT INTO user_notification_settings (user_id, name, value) VALUES (:u, :n, :v)")
                    .bind("u", userId).bind("n", name).bind("v", value).execute();
        }));
    }

    public void insert(Handle h, long userId, int type, Long videoId, Long commentId, Long accountId, long now) {
        insert(h, userId, type, videoId, commentId, accountId, null, now);
    }

    public void insert(Handle h, long userId, int type, Long videoId, Long commentId, Long accountId, Long abuseId, long now) {
        h.createUpdate("""
                INSERT INTO user_notifications (user_id, type, video_id, comment_id, account_id, abuse_id, is_read, created_at)
                VALUES (:u, :t, :v, :c, :a, :abuse, FALSE, :now)""")
                .bind("u", userId).bind("t", type).bind("v", videoId).bind("c", commentId).bind("a", accountId).bind("abuse", abuseId)
                .bind("now", now).execute();
    }

    /** The administrators and moderators, less the user of `accountId` (who need not hear of their own message). */
    public List<Long> moderatorsBut(Handle h, long accountId) {
        return h.createQuery("""
                SELECT u.id FROM users u WHERE u.role IN (0, 1)
                  AND NOT EXISTS (SELECT 1 FROM accounts a WHERE a.user_id = u.id AND a.id = :a) ORDER BY u.id""")
                .bind("a", accountId).mapTo(Long.class).list();
    }

    /**
     * The local users subscribed to a video's channel who have no notification of it yet, less those who
     * muted its account or server, and all of them when the instance did.
     */
    public List<Long> subscribersToNotify(Handle h, long videoId, int type) {
        return h.createQuery("""
                SELECT a.user_id FROM videos v
                JOIN channels ch ON ch.id = v.channel_id
                JOIN subscriptions s ON s.channel_id = v.channel_id
                JOIN accounts a ON a.id = s.account_id
                WHERE v.id = :v AND a.user_id IS NOT NULL AND %s
                  AND NOT EXISTS (SELECT 1 FROM user_notifications n WHERE n.user_id = a.user_id AND n.type = :t AND n.video_id = :v)"""
                        .formatted(Muting.instance().and("a.id").shows("ch.account_id", "ch.host")))
                .bind("v", videoId).bind("t", type).mapTo(Long.class).list();
    }

    /** Of these users, those who hear nothing from this account: they muted it or its server, or the instance did. */
    public Set<Long> muting(Handle h, long accountId, Collection<Long> userIds) {
        if (userIds.isEmpty()) return Set.of();
        return Set.copyOf(h.createQuery("""
                SELECT m.user_id FROM accounts m JOIN accounts x ON x.id = :x
                WHERE m.user_id IN (<users>) AND %s""".formatted(Muting.instance().and("m.id").hides("x.id", "x.host")))
                .bind("x", accountId).bindList("users", List.copyOf(userIds)).mapTo(Long.class).list());
    }

    /** Forgets the notifications of an account's comments for the user of `byAccount`, who just muted it (as PeerTube does). */
    public void forgetCommentsOfAccount(long byAccount, long accountId) {
        forgetComments(byAccount, "user_notifications.account_id = :target", accountId);
    }

    /** Forgets the notifications of comments from a server for the user of `byAccount`, who just muted it. */
    public void forgetCommentsOfServer(long byAccount, String host) {
        forgetComments(byAccount, "EXISTS (SELECT 1 FROM accounts a WHERE a.id = user_notifications.account_id AND a.host = :target)", host);
    }

    /** A comment notification's `account_id` is the comment's author (see {@link Notifications#commented}). */
    private void forgetComments(long byAccount, String byAuthor, Object target) {
        jdbi.useHandle(h -> h.createUpdate("""
                DELETE FROM user_notifications WHERE user_id IN (SELECT user_id FROM accounts WHERE id = :by)
                  AND comment_id IS NOT NULL AND %s""".formatted(byAuthor))
                .bind("by", byAccount).bind("target", target).execute());
    }

    /** Whether the video may be announced to subscribers (public, not a draft). */
    public boolean isPublic(Handle h, long videoId) {
        return h.createQuery("SELECT privacy FROM videos WHERE id = :v").bind("v", videoId).mapTo(Integer.class)
                .findOne().map(p -> p == VideoPrivacy.PUBLIC.id).orElse(false);
    }

    public List<Notification> list(long userId, boolean unreadOnly, int start, int count) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + " WHERE n.user_id = :u" + (unreadOnly ? " AND n.is_read = FALSE" : "")
                        + " ORDER BY n.id DESC LIMIT :count OFFSET :start")
                .bind("u", userId).bind("count", count).bind("start", start).map((rs, ctx) -> {
                    Long videoId = Rows.longOrNull(rs, "video_id");
                    Long commentId = Rows.longOrNull(rs, "comment_id");
                    Notification.VideoRef video = videoId == null ? null : new Notification.VideoRef(videoId, rs.getString("video_uuid"),
                            rs.getString("video_name"), rs.getLong("channel_id"), rs.getString("channel_name"), rs.getString("channel_display_name"),
                            rs.getString("channel_host"));
                    Notification.CommentRef comment = commentId == null ? null : new Notification.CommentRef(commentId, rs.getLong("comment_thread_id"),
                            rs.getLong("comment_account_id"), rs.getString("comment_account_name"), rs.getString("comment_account_display_name"),
                            rs.getString("comment_account_host"));
                    return new Notification(rs.getLong("id"), rs.getInt("type"), rs.getBoolean("is_read"), rs.getLong("created_at"), video, comment,
                            Rows.longOrNull(rs, "abuse_id"));
                }).list());
    }

    public long count(long userId, boolean unreadOnly) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM user_notifications WHERE user_id = :u" + (unreadOnly ? " AND is_read = FALSE" : ""))
                .bind("u", userId).mapTo(Long.class).one());
    }

    public void markRead(long userId, List<Long> ids) {
        if (ids.isEmpty()) return;
        jdbi.useHandle(h -> h.createUpdate("UPDATE user_notifications SET is_read = TRUE WHERE user_id = :u AND id IN (<ids>)")
                .bind("u", userId).bindList("ids", ids).execute());
    }

    public void markAllRead(long userId) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE user_notifications SET is_read = TRUE WHERE user_id = :u AND is_read = FALSE").bind("u", userId).execute());
    }
}
