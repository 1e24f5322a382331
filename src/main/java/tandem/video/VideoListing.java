package tandem.video;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import tandem.core.Page;
import tandem.db.Dialect;
import tandem.db.Sql;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The SQL of the video lists the API and pages show: filters, sorts, search and totals, built so
 * that both engines walk V15's indexes, V15.1's and V16.1's counters and V15.1's text indexes.
 */
final class VideoListing {
    private final Jdbi jdbi;
    private final Dialect dialect;
    private final Clock clock;

    VideoListing(Jdbi jdbi, Dialect dialect, Clock clock) {
        this.jdbi = jdbi;
        this.dialect = dialect;
        this.clock = clock;
    }

    /** Blocked videos (V29's blacklist) leave every public list; their owners still list them as their own. */
    private static final String BLACKLISTED = "SELECT video_id FROM video_blacklist";

    /**
     * The channels a list leaves out: those of the accounts and servers the instance blocked, and for a
     * signed-in viewer those they muted ({@link Muting}).
     */
    private static String hiddenChannels(VideoQuery q) {
        return Muting.seenBy(q.viewerAccountId()).channels();
    }

    /** SQLite joins a page's rows to their channels and accounts by primary key, row by row. */
    private static final String JOIN_EACH = " JOIN channels c ON c.id = v.channel_id JOIN accounts a ON a.id = c.account_id";

    /**
     * PostgreSQL, told the same join, hashed every channel for a page of 8 (a seq scan of 1,000 channels at
     * 100,000 videos, 0.3 ms a request): each row's channel and account are looked up by primary key in a
     * LATERAL subquery instead, which OFFSET 0 keeps from being flattened back into that join.
     */
    private static final String LOOKUP_EACH = " CROSS JOIN LATERAL (SELECT * FROM channels c WHERE c.id = v.channel_id OFFSET 0) c"
            + " CROSS JOIN LATERAL (SELECT * FROM accounts a WHERE a.id = c.account_id OFFSET 0) a";

    /**
     * A page of a list and its total. A search counts its matches in the page's own query (a window over
     * them, before the LIMIT): the text index is read once per request rather than twice. Every other list
     * takes its total from {@link #count}.
     */
    Page<Video> page(VideoQuery q) {
        if (!searches(q)) return new Page<>(count(q), list(q));
        long[] total = {-1};
        HandleCallback<List<Video>, RuntimeException> search = h -> VideoStore.withTags(h,
                pageQuery(h, q).map((rs, ctx) -> {
                    total[0] = rs.getLong("list_total");
                    return VideoStore.VIDEO.map(rs, ctx);
                }).list());
        List<Video> rows = dialect == Dialect.SQLITE ? jdbi.withHandle(search) : jdbi.inTransaction(h -> {
            // The plan made for no text in particular is the right one (the matches through the text index, then
            // sorted); left to choose, PostgreSQL planned every search anew for its text, which cost more than
            // running it (1.2 ms of 1.8 at 100,000 videos). LOCAL: until this transaction ends. (Not SQLite:
            // its transactions take the write lock.)
            h.execute("SET LOCAL plan_cache_mode = force_generic_plan");
            return search.withHandle(h);
        });
        // past the last match the window has no row to stand on
        return new Page<>(total[0] >= 0 ? total[0] : q.page().start() == 0 ? 0 : count(q), rows);
    }

    /**
     * A page of a list. The public lists walk one of V15's partial indexes in the sort's order (ties by
     * id in the same direction) and stop after the page; the filters the pages use have their own. The
     * page is picked from videos alone and only then joined to its channels and accounts, so a search's or
     * a category's matches are never joined against every channel. LIMIT and OFFSET are written into the
     * SQL: as parameters PostgreSQL costed its reusable plan for a tenth of the table, found it dearer than
     * one planned for the page, and so planned every request anew (most of a list's time at 100,000 videos).
     */
    List<Video> list(VideoQuery q) {
        return jdbi.withHandle(h -> VideoStore.withTags(h, pageQuery(h, q).map(VideoStore.VIDEO).list()));
    }

    /**
     * The SQL a sort field orders by. The trending sorts add up each video's views of the last
     * {@link VideoQuery#TRENDING_DAYS} UTC days, today included, from V31's daily rows (read by their
     * primary key, video then day): recent views, not the lifetime counter. The first day is a number the
     * clock gives, never the client's text, so it is written into the SQL like LIMIT.
     */
    private String sortColumn(String field) {
        if (!field.equals("trending") && !field.equals("hot")) return VideoQuery.SORT_COLUMNS.get(field);
        long firstDay = Math.floorDiv(clock.millis(), 86_400_000L) - (VideoQuery.TRENDING_DAYS - 1);
        return "(SELECT COALESCE(SUM(d.views), 0) FROM video_daily_views d WHERE d.video_id = v.id AND d.day >= " + firstDay + ")";
    }

    /** The page's query; a search's has a column `list_total` too: how many videos match in all. */
    private Query pageQuery(Handle h, VideoQuery q) {
        Map<String, Object> binds = new HashMap<>();
        String where = where(q, binds);
        String col = sortColumn(q.page().sortField());
        String direction = q.page().descending() ? " DESC" : " ASC";
        String order = " ORDER BY " + col + direction + ", v.id" + direction;
        String limit = " LIMIT " + q.page().count() + " OFFSET " + q.page().start();
        boolean postgres = dialect == Dialect.POSTGRESQL;
        String sql;
        if (!searches(q)) {
            sql = VideoStore.COLUMNS + " FROM (SELECT v.* FROM videos v" + where + order + limit + ") v"
                    + (postgres ? LOOKUP_EACH : JOIN_EACH) + order;
        } else {
            // A search sorts and counts (a window, before the LIMIT) its matches' ids and sort keys only, then
            // reads the page's rows by id: whole rows carried through the window and the sort cost SQLite
            // 0.4 ms more per search of 100 matches.
            String ids = "SELECT v.id, COUNT(*) OVER () AS list_total FROM ";
            if (postgres) {
                // The matches are few: fenced in a CTE, PostgreSQL fetches them all through the text index and
                // sorts them, rather than walk the sort's index hoping to meet one soon (its estimate of how
                // many names match is a guess; 37 ms instead of 0.35 ms at 100,000 videos).
                sql = "WITH found AS MATERIALIZED (SELECT v.id, " + col + " FROM videos v" + where + ") "
                        + VideoStore.COLUMNS + ", p.list_total FROM (" + ids + "found v" + order + limit + ") p"
                        + " CROSS JOIN LATERAL (SELECT * FROM videos v WHERE v.id = p.id OFFSET 0) v" + LOOKUP_EACH + order;
            } else {
                sql = VideoStore.COLUMNS + ", p.list_total FROM (" + ids + "videos v" + where + order + limit + ") p"
                        + " JOIN videos v ON v.id = p.id" + JOIN_EACH + order;
            }
        }
        Query query = h.createQuery(sql);
        bindAll(query, binds, q);
        return query;
    }

    /**
     * How many videos the list has in all. The public lists, unfiltered (all, local, remote) or filtered
     * by category, read the counters V15.1's and V16.1's triggers keep, less the blocked channels' rows;
     * the others count their rows through the same indexes as the list, from videos alone.
     */
    long count(VideoQuery q) {
        return jdbi.withHandle(h -> {
            if (countedByCounters(q)) {
                List<Integer> categories = categories(q);
                long[] blocked = blacklistedPublic(h, q, categories);
                long total = categories.isEmpty() ? publicTotal(h, q) : categoryTotal(h, q, categories);
                return total - pick(blocked, q.isLocal());
            }
            Map<String, Object> binds = new HashMap<>();
            Query query = h.createQuery("SELECT COUNT(*) FROM videos v" + where(q, binds));
            bindAll(query, binds, q);
            return query.mapTo(Long.class).one();
        });
    }

    private static boolean countedByCounters(VideoQuery q) {
        return q.ownerAccountId() == null && q.nsfw() == null && q.channelId() == null && q.accountId() == null
                && q.subscriberAccountId() == null && (q.tagsOneOf() == null || q.tagsOneOf().isEmpty()) && !searches(q)
                && !q.filters().any();
    }

    private static boolean searches(VideoQuery q) {
        return q.search() != null && !q.search().isBlank();
    }

    /** The categories asked for, each once (a counter row must not be added twice). */
    private static List<Integer> categories(VideoQuery q) {
        return q.categoryOneOf() == null ? List.of() : q.categoryOneOf().stream().distinct().toList();
    }

    /** Published public videos, all or local or remote ones, out of the blocked servers' and accounts' channels. */
    private static long publicTotal(Handle h, VideoQuery q) {
        long[] sums = h.createQuery("""
                SELECT COALESCE((SELECT public_videos FROM video_counts WHERE channel_id = 0), 0) - COALESCE(SUM(public_videos), 0),
                       COALESCE((SELECT public_local_videos FROM video_counts WHERE channel_id = 0), 0) - COALESCE(SUM(public_local_videos), 0)
                FROM video_counts WHERE channel_id IN (""" + hiddenChannels(q) + ")")
                .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)}).one();
        return pick(sums, q.isLocal());
    }

    /**
     * Published public videos in these categories, as {@link #publicTotal}: each category's row for every
     * channel (channel_id 0) less the blocked channels' rows, read through the counters' primary key.
     */
    private static long categoryTotal(Handle h, VideoQuery q, List<Integer> categories) {
        long[] sums = new long[2];
        h.createQuery("""
                SELECT 1, public_videos, public_local_videos FROM video_category_counts WHERE channel_id = 0 AND category IN (<categories>)
                UNION ALL
                SELECT -1, public_videos, public_local_videos FROM video_category_counts
                WHERE category IN (<categories>) AND channel_id IN (""" + hiddenChannels(q) + ")")
                .bindList("categories", categories)
                .map((rs, ctx) -> new long[] {rs.getLong(1) * rs.getLong(2), rs.getLong(1) * rs.getLong(3)})
                .forEach(row -> {
                    sums[0] += row[0];
                    sums[1] += row[1];
                });
        return pick(sums, q.isLocal());
    }

    /** The blocked videos the counters still count ({all, local}): public, published, in no hidden channel, in the categories. */
    private static long[] blacklistedPublic(Handle h, VideoQuery q, List<Integer> categories) {
        var query = h.createQuery("SELECT COUNT(*), COALESCE(SUM(CASE WHEN v.is_local THEN 1 ELSE 0 END), 0) FROM video_blacklist b"
                + " JOIN videos v ON v.id = b.video_id WHERE v.privacy = 1 AND v.state = 1 AND v.channel_id NOT IN (" + hiddenChannels(q) + ")"
                + (categories.isEmpty() ? "" : " AND v.category IN (<categories>)"));
        if (!categories.isEmpty()) query.bindList("categories", categories);
        return query.map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)}).one();
    }

    /** From {all, local} sums, the one an isLocal filter asks for. */
    private static long pick(long[] sums, Boolean isLocal) {
        if (isLocal == null) return sums[0];
        return isLocal ? sums[1] : sums[0] - sums[1];
    }

    /**
     * The list's WHERE, on videos alone (channels and accounts enter through subqueries on their ids), so
     * that both the page and the count read just the videos the filters leave.
     */
    private String where(VideoQuery q, Map<String, Object> binds) {
        List<String> clauses = new ArrayList<>();
        if (q.ownerAccountId() != null) {
            clauses.add("v.channel_id IN (SELECT id FROM channels WHERE account_id = :owner)");
            binds.put("owner", q.ownerAccountId());
        } else {
            // Literally the predicate of V15's partial indexes, so that both engines use them.
            clauses.add("v.privacy = 1 AND v.state = 1");
            // On PostgreSQL an array computed once per query (an InitPlan): as a NOT IN subquery its start-up
            // cost was charged on every probe of a nested loop, which made the planner read all videos instead.
            clauses.add(dialect == Dialect.POSTGRESQL ? "v.channel_id <> ALL (ARRAY(" + hiddenChannels(q) + "))"
                    : "v.channel_id NOT IN (" + hiddenChannels(q) + ")");
            clauses.add(dialect == Dialect.POSTGRESQL ? "v.id <> ALL (ARRAY(" + BLACKLISTED + "))" : "v.id NOT IN (" + BLACKLISTED + ")");
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
            clauses.add("v.channel_id IN (SELECT id FROM channels WHERE account_id = :account)");
            binds.put("account", q.accountId());
        }
        if (q.subscriberAccountId() != null) {
            clauses.add("v.channel_id IN (SELECT channel_id FROM subscriptions WHERE account_id = :subscriber)");
            binds.put("subscriber", q.subscriberAccountId());
        }
        if (q.categoryOneOf() != null && !q.categoryOneOf().isEmpty()) clauses.add("v.category IN (<categories>)");
        if (q.tagsOneOf() != null && !q.tagsOneOf().isEmpty()) clauses.add("v.id IN (SELECT video_id FROM video_tags WHERE LOWER(tag) IN (<tags>))");
        filters(q.filters(), clauses, binds);
        if (searches(q)) search(q.search(), clauses, binds);
        return " WHERE " + String.join(" AND ", clauses);
    }

    /** Dates, durations and languages: each bound, never written into the SQL. */
    private static void filters(VideoFilters f, List<String> clauses, Map<String, Object> binds) {
        bound(clauses, binds, "v.published_at >= :publishedAfter", "publishedAfter", f.publishedAfter());
        bound(clauses, binds, "v.published_at <= :publishedBefore", "publishedBefore", f.publishedBefore());
        bound(clauses, binds, "v.originally_published_at >= :originallyAfter", "originallyAfter", f.originallyPublishedAfter());
        bound(clauses, binds, "v.originally_published_at <= :originallyBefore", "originallyBefore", f.originallyPublishedBefore());
        bound(clauses, binds, "v.duration >= :durationMin", "durationMin", f.durationMin());
        bound(clauses, binds, "v.duration <= :durationMax", "durationMax", f.durationMax());
        List<String> either = new ArrayList<>();
        if (!f.knownLanguages().isEmpty()) either.add("v.language IN (<languages>)");
        if (f.unknownLanguage()) either.add("v.language IS NULL");
        if (!either.isEmpty()) clauses.add("(" + String.join(" OR ", either) + ")");
    }

    private static void bound(List<String> clauses, Map<String, Object> binds, String clause, String name, Object value) {
        if (value == null) return;
        clauses.add(clause);
        binds.put(name, value);
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
            // Both halves index conditions on the same rows (the trigram index, the primary key for the tagged
            // ids), which PostgreSQL ORs into one bitmap: each matching video is read once.
            clauses.add("(LOWER(v.name) LIKE :search" + Sql.LIKE_ESCAPE + " OR v.id = ANY (ARRAY(" + byTag + ")))");
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
        if (q.categoryOneOf() != null && !q.categoryOneOf().isEmpty()) query.bindList("categories", categories(q));
        if (!q.filters().knownLanguages().isEmpty()) query.bindList("languages", q.filters().knownLanguages());
        if (q.tagsOneOf() != null && !q.tagsOneOf().isEmpty()) {
            query.bindList("tags", q.tagsOneOf().stream().map(t -> t.toLowerCase(java.util.Locale.ROOT)).toList());
        }
    }
}
