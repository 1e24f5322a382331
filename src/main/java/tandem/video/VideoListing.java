package tandem.video;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import tandem.db.Dialect;
import tandem.db.Sql;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The SQL of the video lists the API and pages show: filters, sorts, search and totals, built so
 * that both engines walk V15's indexes and V15.1's counters and text indexes.
 */
final class VideoListing {
    private final Jdbi jdbi;
    private final Dialect dialect;

    VideoListing(Jdbi jdbi, Dialect dialect) {
        this.jdbi = jdbi;
        this.dialect = dialect;
    }

    /**
     * A page of a list. The public lists walk one of V15's partial indexes in the sort's order (ties by
     * id in the same direction) and stop after the page; the filters the pages use have their own.
     */
    List<Video> list(VideoQuery q) {
        return jdbi.withHandle(h -> {
            StringBuilder sql = new StringBuilder(VideoStore.SELECT);
            Map<String, Object> binds = new HashMap<>();
            where(q, sql, binds);
            String col = VideoQuery.SORT_COLUMNS.get(q.page().sortField());
            String direction = q.page().descending() ? " DESC" : " ASC";
            sql.append(" ORDER BY ").append(col).append(direction).append(", v.id").append(direction);
            sql.append(" LIMIT :limit OFFSET :offset");
            Query query = h.createQuery(sql.toString()).bind("limit", q.page().count()).bind("offset", q.page().start());
            bindAll(query, binds, q);
            return VideoStore.withTags(h, query.map(VideoStore.VIDEO).list());
        });
    }

    /**
     * How many videos the list has in all. The unfiltered public lists (all, local, remote) read the
     * counters V15.1's triggers keep, less the blocked servers' and accounts' channels; the others count
     * their rows through the same indexes as the list.
     */
    long count(VideoQuery q) {
        return jdbi.withHandle(h -> {
            if (countedByChannel(q)) return publicTotal(h, q.isLocal());
            StringBuilder sql = new StringBuilder("SELECT COUNT(*) FROM videos v JOIN channels c ON c.id = v.channel_id JOIN accounts a ON a.id = c.account_id");
            Map<String, Object> binds = new HashMap<>();
            where(q, sql, binds);
            Query query = h.createQuery(sql.toString());
            bindAll(query, binds, q);
            return query.mapTo(Long.class).one();
        });
    }

    private static boolean countedByChannel(VideoQuery q) {
        return q.ownerAccountId() == null && q.nsfw() == null && q.channelId() == null && q.accountId() == null
                && q.subscriberAccountId() == null && (q.categoryOneOf() == null || q.categoryOneOf().isEmpty())
                && (q.tagsOneOf() == null || q.tagsOneOf().isEmpty()) && (q.search() == null || q.search().isBlank());
    }

    /** Published public videos, all or local or remote ones, out of the blocked servers' and accounts' channels. */
    private static long publicTotal(Handle h, Boolean isLocal) {
        long[] sums = h.createQuery("""
                SELECT COALESCE((SELECT public_videos FROM video_counts WHERE channel_id = 0), 0) - COALESCE(SUM(public_videos), 0),
                       COALESCE((SELECT public_local_videos FROM video_counts WHERE channel_id = 0), 0) - COALESCE(SUM(public_local_videos), 0)
                FROM video_counts WHERE channel_id IN (
                    SELECT id FROM channels WHERE host IN (SELECT host FROM server_blocks)
                    UNION SELECT id FROM channels WHERE account_id IN (SELECT account_id FROM account_blocks))""")
                .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)}).one();
        if (isLocal == null) return sums[0];
        return isLocal ? sums[1] : sums[0] - sums[1];
    }

    private void where(VideoQuery q, StringBuilder sql, Map<String, Object> binds) {
        List<String> clauses = new ArrayList<>();
        if (q.ownerAccountId() != null) {
            clauses.add("a.id = :owner");
            binds.put("owner", q.ownerAccountId());
        } else {
            // Literally the predicate of V15's partial indexes, so that both engines use them.
            clauses.add("v.privacy = 1 AND v.state = 1");
            // Federation's blocklist: a blocked instance's or account's videos leave every list.
            clauses.add("(c.host IS NULL OR c.host NOT IN (SELECT host FROM server_blocks))");
            clauses.add("a.id NOT IN (SELECT account_id FROM account_blocks)");
        }
        if (q.isLocal() != null) {
            clauses.add("v.is_local = :local");
            binds.put("local", q.isLocal());
        }
        if (q.nsfw() != null) {
            clauses.add("v.nsfw = :nsfw");
            binds.put("nsfw", q.nsfw());
        }
        if (q.channelId() != null) {
            clauses.add("v.channel_id = :channel");
            binds.put("channel", q.channelId());
        }
        if (q.accountId() != null) {
            clauses.add("a.id = :account");
            binds.put("account", q.accountId());
        }
        if (q.subscriberAccountId() != null) {
            clauses.add("c.id IN (SELECT channel_id FROM subscriptions WHERE account_id = :subscriber)");
            binds.put("subscriber", q.subscriberAccountId());
        }
        if (q.categoryOneOf() != null && !q.categoryOneOf().isEmpty()) clauses.add("v.category IN (<categories>)");
        if (q.tagsOneOf() != null && !q.tagsOneOf().isEmpty()) clauses.add("v.id IN (SELECT video_id FROM video_tags WHERE LOWER(tag) IN (<tags>))");
        if (q.search() != null && !q.search().isBlank()) search(q.search(), clauses, binds);
        sql.append(" WHERE ").append(String.join(" AND ", clauses));
    }

    /**
     * A name that contains the text (lower-cased LIKE) or a tag that is the text. The candidates come
     * from a text index: SQLite's FTS5 trigram table (texts of 3 characters or more; the LIKE is then
     * re-checked, so the rows are exactly the LIKE's), PostgreSQL's pg_trgm index on LOWER(name) when
     * V15.1 could create it.
     */
    private void search(String text, List<String> clauses, Map<String, Object> binds) {
        String lower = text.trim().toLowerCase(java.util.Locale.ROOT);
        String byTag = "SELECT video_id FROM video_tags WHERE LOWER(tag) = :searchTag";
        binds.put("search", Sql.likeContains(text));
        binds.put("searchTag", lower);
        if (dialect == Dialect.POSTGRESQL) {
            clauses.add("v.id IN (SELECT id FROM videos WHERE LOWER(name) LIKE :search" + Sql.LIKE_ESCAPE + " UNION " + byTag + ")");
        } else if (lower.codePointCount(0, lower.length()) >= 3) {
            clauses.add("v.id IN (SELECT rowid FROM video_names WHERE video_names MATCH :searchPhrase UNION " + byTag + ")");
            clauses.add("(LOWER(v.name) LIKE :search" + Sql.LIKE_ESCAPE + " OR v.id IN (" + byTag + "))");
            binds.put("searchPhrase", '"' + lower.replace("\"", "\"\"") + '"');
        } else {
            clauses.add("(LOWER(v.name) LIKE :search" + Sql.LIKE_ESCAPE + " OR v.id IN (" + byTag + "))");
        }
    }

    private static void bindAll(Query query, Map<String, Object> binds, VideoQuery q) {
        binds.forEach(query::bind);
        if (q.categoryOneOf() != null && !q.categoryOneOf().isEmpty()) query.bindList("categories", q.categoryOneOf());
        if (q.tagsOneOf() != null && !q.tagsOneOf().isEmpty()) {
            query.bindList("tags", q.tagsOneOf().stream().map(t -> t.toLowerCase(java.util.Locale.ROOT)).toList());
        }
    }
}
