package tandem.video.moderation;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import tandem.account.Account;
import tandem.db.Rows;
import tandem.db.Sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** SQL for abuse reports. Lists walk `abuses_state` or `abuses_reporter` newest first and stop after the page. */
public final class AbuseStore {
    /** The tables a report's row reads, and those its filters search (the video's channel). */
    private static final String FROM = """
            FROM abuses b
            LEFT JOIN accounts ra ON ra.id = b.reporter_account_id
            LEFT JOIN accounts fa ON fa.id = b.flagged_account_id
            LEFT JOIN videos v ON v.id = b.video_id
            LEFT JOIN channels vch ON vch.id = v.channel_id
            LEFT JOIN video_comments c ON c.id = b.comment_id
            LEFT JOIN videos cv ON cv.id = c.video_id""";

    private static final String SELECT = """
            SELECT b.*, ra.id AS ra_id, ra.user_id AS ra_user_id, ra.name AS ra_name, ra.host AS ra_host, ra.display_name AS ra_display_name,
                   ra.created_at AS ra_created_at, fa.id AS fa_id, fa.user_id AS fa_user_id, fa.name AS fa_name, fa.host AS fa_host,
                   fa.display_name AS fa_display_name, fa.created_at AS fa_created_at,
                   v.uuid AS v_uuid, v.name AS v_name, c.thread_id AS c_thread_id, c.text AS c_text, cv.uuid AS cv_uuid,
                   (SELECT COUNT(*) FROM abuse_messages m WHERE m.abuse_id = b.id) AS count_messages
            """ + FROM;

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
                rs.getString("moderation_comment"), rs.getLong("created_at"), rs.getLong("updated_at"), rs.getInt("count_messages"));
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

    /** A page of reports, newest first, narrowed by the filter. */
    public List<Abuse> list(AbuseFilter f, int start, int count) {
        Map<String, Object> binds = new HashMap<>();
        String where = where(f, binds);
        return jdbi.withHandle(h -> {
            var q = h.createQuery(SELECT + where + " ORDER BY b.id DESC LIMIT :count OFFSET :start").bind("count", count).bind("start", start);
            binds.forEach(q::bind);
            return q.map(ABUSE).list();
        });
    }

    public long count(AbuseFilter f) {
        Map<String, Object> binds = new HashMap<>();
        String where = where(f, binds);
        return jdbi.withHandle(h -> {
            var q = h.createQuery("SELECT COUNT(*) " + FROM + where);
            binds.forEach(q::bind);
            return q.mapTo(Long.class).one();
        });
    }

    /**
     * The WHERE clause of a filter; its fixed words (`kind`, `videoIs`) were checked by the caller and only
     * choose SQL written here, every text of the client's is bound. `search` matches what PeerTube's does:
     * the video's name (or its snapshot once deleted), its channel's, the reporter's and the reported account's.
     */
    private static String where(AbuseFilter f, Map<String, Object> binds) {
        List<String> w = new ArrayList<>(List.of("1 = 1"));
        if ("video".equals(f.kind())) w.add("(b.video_id IS NOT NULL OR (b.video_name IS NOT NULL AND b.comment_text IS NULL))");
        if ("comment".equals(f.kind())) w.add("(b.comment_id IS NOT NULL OR b.comment_text IS NOT NULL)");
        if ("account".equals(f.kind())) w.add("b.video_id IS NULL AND b.video_name IS NULL AND b.comment_id IS NULL AND b.comment_text IS NULL");
        if ("deleted".equals(f.videoIs())) w.add("b.video_id IS NULL AND b.video_name IS NOT NULL AND b.comment_text IS NULL");
        if ("blacklisted".equals(f.videoIs())) w.add("EXISTS (SELECT 1 FROM video_blacklist bl WHERE bl.video_id = b.video_id)");
        bindIf(w, binds, f.id(), "b.id = :id", "id");
        bindIf(w, binds, f.state() == null ? null : f.state().id, "b.state = :state", "state");
        bindIf(w, binds, f.reporterAccountId(), "b.reporter_account_id = :reporter", "reporter");
        // Stored joined by commas: a reason matches as a whole word between them.
        bindIf(w, binds, f.predefinedReason() == null ? null : "%," + f.predefinedReason() + ",%", "(',' || b.predefined_reasons || ',') LIKE :reason",
                "reason");
        like(w, binds, f.search(), "search", "v.name", "b.video_name", "vch.name", "ra.name", "fa.name");
        like(w, binds, f.searchReporter(), "searchReporter", "ra.name");
        like(w, binds, f.searchReportee(), "searchReportee", "fa.name");
        like(w, binds, f.searchVideo(), "searchVideo", "v.name", "b.video_name");
        like(w, binds, f.searchVideoChannel(), "searchVideoChannel", "vch.name");
        return " WHERE " + String.join(" AND ", w);
    }

    private static void bindIf(List<String> w, Map<String, Object> binds, Object value, String clause, String name) {
        if (value == null) return;
        w.add(clause);
        binds.put(name, value);
    }

    /** Any of the columns contains the text, case-insensitively; blank text filters nothing. */
    private static void like(List<String> w, Map<String, Object> binds, String text, String name, String... columns) {
        if (text == null || text.isBlank()) return;
        List<String> any = new ArrayList<>();
        for (String c : columns) any.add("LOWER(" + c + ") LIKE :" + name + Sql.LIKE_ESCAPE);
        w.add("(" + String.join(" OR ", any) + ")");
        binds.put(name, Sql.likeContains(text));
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
