package tandem.video.moderation;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import tandem.account.Account;
import tandem.db.Rows;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** SQL for abuse reports. Lists walk `abuses_state` or `abuses_reporter` newest first and stop after the page. */
public final class AbuseStore {
    private static final String SELECT = """
            SELECT b.*, ra.id AS ra_id, ra.user_id AS ra_user_id, ra.name AS ra_name, ra.host AS ra_host, ra.display_name AS ra_display_name,
                   ra.created_at AS ra_created_at, fa.id AS fa_id, fa.user_id AS fa_user_id, fa.name AS fa_name, fa.host AS fa_host,
                   fa.display_name AS fa_display_name, fa.created_at AS fa_created_at,
                   v.uuid AS v_uuid, v.name AS v_name, c.thread_id AS c_thread_id, c.text AS c_text, cv.uuid AS cv_uuid
            FROM abuses b
            LEFT JOIN accounts ra ON ra.id = b.reporter_account_id
            LEFT JOIN accounts fa ON fa.id = b.flagged_account_id
            LEFT JOIN videos v ON v.id = b.video_id
            LEFT JOIN video_comments c ON c.id = b.comment_id
            LEFT JOIN videos cv ON cv.id = c.video_id""";

    private static final RowMapper<Abuse> ABUSE = (rs, ctx) -> {
        Long videoId = Rows.longOrNull(rs, "video_id");
        String reasons = rs.getString("predefined_reasons");
        return new Abuse(rs.getLong("id"), account(rs, "ra_"), rs.getString("reporter_url"), account(rs, "fa_"), videoId,
                rs.getString(rs.getString("v_uuid") != null ? "v_uuid" : "cv_uuid"),
                rs.getString("v_name") != null ? rs.getString("v_name") : rs.getString("video_name"),
                videoId == null && rs.getString("video_name") != null && rs.getString("comment_text") == null,
                Rows.longOrNull(rs, "comment_id"), rs.getString("c_text") != null ? rs.getString("c_text") : rs.getString("comment_text"),
                Rows.longOrNull(rs, "c_thread_id"), rs.getString("reason"),
                reasons == null || reasons.isEmpty() ? List.of() : Arrays.asList(reasons.split(",")),
                Rows.intOrNull(rs, "start_at"), Rows.intOrNull(rs, "end_at"), AbuseState.byId(rs.getInt("state")),
                rs.getString("moderation_comment"), rs.getLong("created_at"), rs.getLong("updated_at"));
    };

    private static Account account(ResultSet rs, String p) throws SQLException {
        Long id = Rows.longOrNull(rs, p + "id");
        if (id == null) return null;
        return new Account(id, Rows.longOrNull(rs, p + "user_id"), rs.getString(p + "name"), rs.getString(p + "host"),
                rs.getString(p + "display_name"), null, rs.getLong(p + "created_at"));
    }

    /** A new report's row; `videoName`/`commentText` are kept as a snapshot for when the target is deleted. */
    public record NewAbuse(Long reporterAccountId, String reporterUrl, Long flaggedAccountId, Long videoId, String videoName, Long commentId,
                           String commentText, String reason, List<String> predefinedReasons, Integer startAt, Integer endAt, String flagUrl) {}

    private final Jdbi jdbi;

    public AbuseStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public long insert(Handle h, NewAbuse a, long now) {
        return h.createQuery("""
                INSERT INTO abuses (reporter_account_id, reporter_url, flagged_account_id, video_id, video_name, comment_id, comment_text,
                    reason, predefined_reasons, start_at, end_at, state, flag_url, created_at, updated_at)
                VALUES (:reporter, :reporterUrl, :flagged, :video, :videoName, :comment, :commentText, :reason, :reasons, :startAt, :endAt,
                    1, :flagUrl, :now, :now) RETURNING id""")
                .bind("reporter", a.reporterAccountId()).bind("reporterUrl", a.reporterUrl()).bind("flagged", a.flaggedAccountId())
                .bind("video", a.videoId()).bind("videoName", a.videoName()).bind("comment", a.commentId()).bind("commentText", a.commentText())
                .bind("reason", a.reason()).bind("reasons", String.join(",", a.predefinedReasons())).bind("startAt", a.startAt())
                .bind("endAt", a.endAt()).bind("flagUrl", a.flagUrl()).bind("now", now)
                .mapTo(Long.class).one();
    }

    public Optional<Abuse> byId(long id) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + " WHERE b.id = :id").bind("id", id).map(ABUSE).findOne());
    }

    public boolean flagSeen(Handle h, String flagUrl) {
        return h.createQuery("SELECT COUNT(*) FROM abuses WHERE flag_url = :u").bind("u", flagUrl).mapTo(Long.class).one() > 0;
    }

    /** A page of reports, newest first: all, in one state, of one kind (null: any), or one reporter's. */
    public List<Abuse> list(AbuseState state, String kind, Long reporterAccountId, int start, int count) {
        return jdbi.withHandle(h -> {
            var q = h.createQuery(SELECT + where(state, reporterAccountId, kind) + " ORDER BY b.id DESC LIMIT :count OFFSET :start")
                    .bind("count", count).bind("start", start);
            bindFilters(q, state, reporterAccountId);
            return q.map(ABUSE).list();
        });
    }

    public long count(AbuseState state, String kind, Long reporterAccountId) {
        return jdbi.withHandle(h -> {
            var q = h.createQuery("SELECT COUNT(*) FROM abuses b" + where(state, reporterAccountId, kind));
            bindFilters(q, state, reporterAccountId);
            return q.mapTo(Long.class).one();
        });
    }

    private static void bindFilters(org.jdbi.v3.core.statement.Query q, AbuseState state, Long reporter) {
        if (state != null) q.bind("state", state.id);
        if (reporter != null) q.bind("reporter", reporter);
    }

    /** `kind` (PeerTube's `filter`): video, comment or account; a fixed word, checked by the caller, never the client's text. */
    private static String where(AbuseState state, Long reporter, String kind) {
        StringBuilder w = new StringBuilder(" WHERE 1 = 1");
        if ("video".equals(kind)) w.append(" AND (b.video_id IS NOT NULL OR (b.video_name IS NOT NULL AND b.comment_text IS NULL))");
        if ("comment".equals(kind)) w.append(" AND (b.comment_id IS NOT NULL OR b.comment_text IS NOT NULL)");
        if ("account".equals(kind)) w.append(" AND b.video_id IS NULL AND b.video_name IS NULL AND b.comment_id IS NULL AND b.comment_text IS NULL");
        if (state != null) w.append(" AND b.state = :state");
        if (reporter != null) w.append(" AND b.reporter_account_id = :reporter");
        return w.toString();
    }

    /** Sets the state and/or the moderation comment (null leaves a field as it is); false when no such report. */
    public boolean update(long id, AbuseState state, String moderationComment, long now) {
        return jdbi.withHandle(h -> h.createUpdate("""
                UPDATE abuses SET state = COALESCE(:state, state), moderation_comment = COALESCE(:comment, moderation_comment),
                    updated_at = :now WHERE id = :id""")
                .bind("state", state == null ? null : state.id).bind("comment", moderationComment).bind("now", now).bind("id", id)
                .execute() > 0);
    }

    public boolean delete(long id) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM abuses WHERE id = :id").bind("id", id).execute() > 0);
    }
}
