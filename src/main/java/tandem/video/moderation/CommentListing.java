package tandem.video.moderation;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;
import tandem.account.Account;
import tandem.core.Page;
import tandem.db.Rows;
import tandem.db.Sql;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every comment of the instance for moderators (PeerTube 6's `GET /videos/comments`), newest first,
 * filtered by origin, text, author and video; deleted ones are left out.
 */
public final class CommentListing {
    /** A comment with its video, as the moderators' list shows it. */
    public record Listed(long id, String url, String text, boolean heldForReview, long threadId, Long inReplyTo, long createdAt, long updatedAt,
                         Account account, long videoId, String videoUuid, String videoName) {}

    /** The filters: null means any. */
    public record Filter(Boolean isLocal, String search, String searchAccount, String searchVideo) {}

    private static final RowMapper<Listed> LISTED = (rs, ctx) -> new Listed(rs.getLong("id"), rs.getString("url"), rs.getString("text"),
            rs.getBoolean("held_for_review"), rs.getLong("thread_id"), Rows.longOrNull(rs, "in_reply_to"), rs.getLong("created_at"),
            rs.getLong("updated_at"), new Account(rs.getLong("a_id"), Rows.longOrNull(rs, "a_user_id"), rs.getString("a_name"), rs.getString("a_host"),
                    rs.getString("a_display_name"), null, rs.getLong("a_created_at")),
            rs.getLong("video_id"), rs.getString("v_uuid"), rs.getString("v_name"));

    private static final String FROM = " FROM video_comments c JOIN accounts a ON a.id = c.account_id JOIN videos v ON v.id = c.video_id";

    private final Jdbi jdbi;

    public CommentListing(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public Page<Listed> list(Filter f, int start, int count) {
        Map<String, Object> binds = new HashMap<>();
        String where = where(f, binds);
        return jdbi.withHandle(h -> {
            Query page = h.createQuery("SELECT c.*, a.id AS a_id, a.user_id AS a_user_id, a.name AS a_name, a.host AS a_host,"
                    + " a.display_name AS a_display_name, a.created_at AS a_created_at, v.uuid AS v_uuid, v.name AS v_name" + FROM + where
                    + " ORDER BY c.created_at DESC, c.id DESC LIMIT :count OFFSET :start").bind("count", count).bind("start", start);
            Query total = h.createQuery("SELECT COUNT(*)" + FROM + where);
            binds.forEach(page::bind);
            binds.forEach(total::bind);
            return new Page<>(total.mapTo(Long.class).one(), page.map(LISTED).list());
        });
    }

    private static String where(Filter f, Map<String, Object> binds) {
        List<String> clauses = new ArrayList<>(List.of("c.deleted_at IS NULL"));
        if (f.isLocal() != null) clauses.add(f.isLocal() ? "a.host IS NULL" : "a.host IS NOT NULL");
        if (present(f.search())) {
            clauses.add("LOWER(c.text) LIKE :search" + Sql.LIKE_ESCAPE);
            binds.put("search", Sql.likeContains(f.search()));
        }
        if (present(f.searchAccount())) {
            clauses.add("(LOWER(a.name) LIKE :account" + Sql.LIKE_ESCAPE + " OR LOWER(a.display_name) LIKE :account" + Sql.LIKE_ESCAPE + ")");
            binds.put("account", Sql.likeContains(f.searchAccount()));
        }
        if (present(f.searchVideo())) {
            clauses.add("LOWER(v.name) LIKE :video" + Sql.LIKE_ESCAPE);
            binds.put("video", Sql.likeContains(f.searchVideo()));
        }
        return " WHERE " + String.join(" AND ", clauses);
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }
}
