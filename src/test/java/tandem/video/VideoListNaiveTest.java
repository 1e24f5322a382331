package tandem.video;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tandem.core.PageRequest;
import tandem.db.Database;
import tandem.db.Sql;
import tandem.testing.TestDatabase;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every list shape VideoListing builds (page picked from videos alone, then joined; totals from the
 * counters or a count over videos alone) gives the rows, order and total of the plain query it replaced:
 * videos joined to channels and accounts, filtered, sorted, then paged. The category counters are checked
 * against a count after each kind of change, so a trigger that missed one would fail here. On SQLite, or
 * on PostgreSQL when TANDEM_TEST_DATABASE_URL is set.
 */
class VideoListNaiveTest {
    private String url;
    private Database db;
    private VideoStore store;
    private long alice, bob, carol, aliceChannel, bobChannel, carolChannel;
    private final List<Long> videos = new ArrayList<>();

    @BeforeEach
    void open() throws Exception {
        url = TestDatabase.newDatabaseUrl(Files.createTempDirectory("naive-lists-"));
        db = Database.open(url);
        store = new VideoStore(db.jdbi(), db.dialect());
        alice = id("INSERT INTO accounts (name, display_name, created_at) VALUES ('alice', 'Alice', 0) RETURNING id");
        bob = id("INSERT INTO accounts (name, host, display_name, created_at) VALUES ('bob', 'r.example', 'Bob', 0) RETURNING id");
        carol = id("INSERT INTO accounts (name, host, display_name, created_at) VALUES ('carol', 's.example', 'Carol', 0) RETURNING id");
        aliceChannel = id("INSERT INTO channels (account_id, name, display_name, created_at) VALUES (" + alice + ", 'alice_c', 'A', 0) RETURNING id");
        bobChannel = id("INSERT INTO channels (account_id, name, host, display_name, created_at) VALUES (" + bob + ", 'bob_c', 'r.example', 'B', 0) RETURNING id");
        carolChannel = id("INSERT INTO channels (account_id, name, host, display_name, created_at) VALUES (" + carol + ", 'carol_c', 's.example', 'C', 0) RETURNING id");
        long[] channels = {aliceChannel, bobChannel, carolChannel};
        for (int i = 1; i <= 60; i++) {
            long channel = channels[i % 3];
            Integer category = i % 7 == 0 ? null : 1 + i % 4;
            int privacy = i % 11 == 4 ? 3 : 1;
            int state = i % 13 == 5 ? 2 : 1;
            String name = (i % 9 == 2 ? "Foo " : "Bar ") + (i % 5) + " clip";
            long id = id("""
                    INSERT INTO videos (uuid, channel_id, name, category, privacy, nsfw, state, file_key, duration, views, likes,
                        is_local, created_at, updated_at, published_at, originally_published_at)
                    VALUES ('00000000-0000-4000-8000-%012d', %d, '%s', %s, %d, %s, %d, 'k%d', %d, %d, %d, %s, %d, %d, %s, %s) RETURNING id"""
                    .formatted(i, channel, name, category == null ? "NULL" : category.toString(), privacy, i % 6 == 0 ? "TRUE" : "FALSE",
                            state, i, 60 + i % 5, i % 4 * 10, i % 3, channel == aliceChannel ? "TRUE" : "FALSE",
                            1000L * (i % 17), 1000L * i, state == 1 ? Long.toString(500L * (i % 23)) : "NULL",
                            i % 5 == 0 ? "NULL" : Long.toString(7L * (i % 8))));
            videos.add(id);
            if (i % 8 == 1) sql("INSERT INTO video_tags (video_id, tag) VALUES (" + id + ", 'Foo')");
            if (i % 4 == 2) sql("INSERT INTO video_tags (video_id, tag) VALUES (" + id + ", 'music')");
        }
        sql("INSERT INTO subscriptions (account_id, channel_id, created_at) VALUES (" + alice + ", " + bobChannel + ", 0)");
        sql("UPDATE videos SET language = 'fr' WHERE duration IN (61, 62)");
    }

    @AfterEach
    void close() {
        if (db != null) db.close();
        if (url != null) TestDatabase.drop(url);
    }

    private long id(String insert) {
        return db.jdbi().withHandle(h -> h.createQuery(insert).mapTo(Long.class).one());
    }

    private void sql(String statement) {
        db.jdbi().useHandle(h -> h.execute(statement));
    }

    /** The plain query: every matching row joined, filtered, sorted; paged here. */
    private List<Long> naive(VideoQuery q) {
        List<String> where = new ArrayList<>();
        Map<String, Object> binds = new HashMap<>();
        if (q.ownerAccountId() != null) {
            where.add("a.id = " + q.ownerAccountId());
        } else {
            where.add("v.privacy = 1 AND v.state = 1");
            where.add("(c.host IS NULL OR c.host NOT IN (SELECT host FROM server_blocks))");
            where.add("a.id NOT IN (SELECT account_id FROM account_blocks)");
        }
        if (q.isLocal() != null) where.add("v.is_local = " + (q.isLocal() ? "TRUE" : "FALSE"));
        if (q.nsfw() != null) where.add("v.nsfw = " + (q.nsfw() ? "TRUE" : "FALSE"));
        if (q.channelId() != null) where.add("c.id = " + q.channelId());
        if (q.accountId() != null) where.add("a.id = " + q.accountId());
        if (q.subscriberAccountId() != null) where.add("c.id IN (SELECT channel_id FROM subscriptions WHERE account_id = " + q.subscriberAccountId() + ")");
        if (q.categoryOneOf() != null) where.add("v.category IN (" + String.join(", ", q.categoryOneOf().stream().map(String::valueOf).toList()) + ")");
        if (q.tagsOneOf() != null) {
            where.add("v.id IN (SELECT video_id FROM video_tags WHERE LOWER(tag) IN ("
                    + String.join(", ", q.tagsOneOf().stream().map(t -> "'" + t.toLowerCase(Locale.ROOT) + "'").toList()) + "))");
        }
        if (q.search() != null) {
            where.add("(LOWER(v.name) LIKE :s" + Sql.LIKE_ESCAPE + " OR v.id IN (SELECT video_id FROM video_tags WHERE LOWER(tag) = :t))");
            binds.put("s", Sql.likeContains(q.search()));
            binds.put("t", q.search().trim().toLowerCase(Locale.ROOT));
        }
        VideoFilters f = q.filters();
        if (f.publishedAfter() != null) where.add("v.published_at >= " + f.publishedAfter());
        if (f.publishedBefore() != null) where.add("v.published_at <= " + f.publishedBefore());
        if (f.originallyPublishedAfter() != null) where.add("v.originally_published_at >= " + f.originallyPublishedAfter());
        if (f.originallyPublishedBefore() != null) where.add("v.originally_published_at <= " + f.originallyPublishedBefore());
        if (f.durationMin() != null) where.add("v.duration >= " + f.durationMin());
        if (f.durationMax() != null) where.add("v.duration <= " + f.durationMax());
        if (!f.languageOneOf().isEmpty()) {
            where.add("(v.language IN ('" + String.join("', '", f.languageOneOf()) + "')"
                    + (f.languageOneOf().contains("_unknown") ? " OR v.language IS NULL)" : ")"));
        }
        String col = VideoQuery.SORT_COLUMNS.get(q.page().sortField());
        String dir = q.page().descending() ? " DESC" : " ASC";
        String sql = "SELECT v.id FROM videos v JOIN channels c ON c.id = v.channel_id JOIN accounts a ON a.id = c.account_id WHERE "
                + String.join(" AND ", where) + " ORDER BY " + col + dir + ", v.id" + dir;
        List<Long> all = db.jdbi().withHandle(h -> {
            var query = h.createQuery(sql);
            binds.forEach(query::bind);
            return query.mapTo(Long.class).list();
        });
        return all;
    }

    private static VideoQuery query(PageRequest page, Boolean isLocal, Boolean nsfw, List<Integer> categories, List<String> tags,
                                    String search, Long channel, Long account, Long owner, Long subscriber) {
        return new VideoQuery(page, isLocal, nsfw, categories, tags, search, channel, account, owner, subscriber, null, VideoFilters.NONE);
    }

    /** The filters the API and pages combine, on one page size and start. */
    private List<VideoQuery> queries(PageRequest p) {
        return List.of(
                query(p, null, null, null, null, null, null, null, null, null),
                query(p, true, null, null, null, null, null, null, null, null),
                query(p, false, null, null, null, null, null, null, null, null),
                query(p, null, true, null, null, null, null, null, null, null),
                query(p, null, null, List.of(3), null, null, null, null, null, null),
                query(p, null, null, List.of(2, 4, 2), null, null, null, null, null, null),
                query(p, true, null, List.of(1), null, null, null, null, null, null),
                query(p, false, null, List.of(1, 3), null, null, null, null, null, null),
                query(p, null, null, List.of(99), null, null, null, null, null, null),
                query(p, null, null, null, List.of("MUSIC"), null, null, null, null, null),
                query(p, null, null, null, null, "foo", null, null, null, null),
                query(p, null, null, List.of(2), null, "fo", null, null, null, null),
                query(p, null, null, null, null, "clip", null, null, null, null),
                query(p, null, null, null, null, null, bobChannel, null, null, null),
                query(p, null, null, null, null, null, null, carol, null, null),
                query(p, null, null, null, null, null, null, null, alice, null),
                query(p, null, null, null, null, null, null, null, null, alice),
                query(p, null, null, null, null, null, null, null, null, null).filteredBy(new VideoFilters(2000L, 8000L, null, null, 61, 63, List.of())),
                query(p, true, null, null, null, "clip", null, null, null, null).filteredBy(new VideoFilters(null, null, 7L, 35L, null, null, List.of("_unknown"))),
                query(p, null, null, List.of(2), null, null, null, null, null, null).filteredBy(new VideoFilters(null, 9000L, null, null, null, 62, List.of("fr"))));
    }

    private void assertSameAsNaive() {
        for (String sort : List.of("publishedAt", "views", "likes", "name", "duration", "createdAt", "originallyPublishedAt")) {
            for (boolean descending : new boolean[] {true, false}) {
                for (VideoQuery q : queries(new PageRequest(0, 100, sort, descending))) {
                    List<Long> all = naive(q);
                    assertThat(store.list(q).stream().map(Video::id).toList()).as("rows of %s", q).isEqualTo(all);
                    assertThat(store.count(q)).as("total of %s", q).isEqualTo(all.size());
                    assertPage(q, all, 0, 100);
                }
                for (VideoQuery q : queries(new PageRequest(2, 3, sort, descending))) {
                    List<Long> all = naive(q);
                    assertThat(store.list(q).stream().map(Video::id).toList()).as("page of %s", q)
                            .isEqualTo(all.subList(Math.min(2, all.size()), Math.min(5, all.size())));
                    assertPage(q, all, 2, 3);
                }
            }
        }
    }

    /** The API's call: rows and total together (a search counts its matches in the page's query). */
    private void assertPage(VideoQuery q, List<Long> all, int start, int count) {
        var page = store.page(q);
        assertThat(page.data().stream().map(Video::id).toList()).as("page() rows of %s", q)
                .isEqualTo(all.subList(Math.min(start, all.size()), Math.min(start + count, all.size())));
        assertThat(page.total()).as("page() total of %s", q).isEqualTo(all.size());
    }

    @Test
    void every_list_gives_the_plain_querys_rows_order_and_total() {
        assertSameAsNaive();
        sql("INSERT INTO server_blocks (host, created_at) VALUES ('r.example', 0)");
        assertSameAsNaive();
        sql("DELETE FROM server_blocks");
        sql("INSERT INTO account_blocks (account_id, created_at) VALUES (" + carol + ", 0)");
        assertSameAsNaive();
    }

    /** Totals of category lists only (cheaper than every shape): all of them after each change. */
    private void assertCategoryTotals() {
        List<List<Integer>> sets = List.of(List.of(1), List.of(2), List.of(3), List.of(4), List.of(1, 4), List.of(2, 3, 2), List.of(99));
        for (List<Integer> categories : sets) {
            for (Boolean local : new Boolean[] {null, true, false}) {
                VideoQuery q = query(new PageRequest(0, 100, "publishedAt", true), local, null, categories, null, null, null, null, null, null);
                assertThat(store.count(q)).as("total of categories %s, isLocal=%s", categories, local).isEqualTo(naive(q).size());
            }
        }
    }

    @Test
    void category_totals_follow_every_change() {
        assertCategoryTotals();
        long first = videos.get(0), second = videos.get(1), third = videos.get(2), uncategorized = videos.get(6);
        sql("UPDATE videos SET category = 4 WHERE id = " + first);
        assertCategoryTotals();
        sql("UPDATE videos SET category = NULL WHERE id = " + second);
        sql("UPDATE videos SET category = 2 WHERE id = " + uncategorized);
        assertCategoryTotals();
        sql("UPDATE videos SET privacy = 3 WHERE id = " + third);
        assertCategoryTotals();
        sql("UPDATE videos SET privacy = 1 WHERE id = " + third);
        sql("UPDATE videos SET state = 2, published_at = NULL WHERE id = " + first);
        assertCategoryTotals();
        // publication: a video leaving transcoding enters its category's count
        sql("UPDATE videos SET state = 1, published_at = 99 WHERE state = 2");
        assertCategoryTotals();
        sql("UPDATE videos SET channel_id = " + aliceChannel + ", is_local = TRUE WHERE id = " + third);
        assertCategoryTotals();
        sql("UPDATE videos SET is_local = FALSE, category = 3 WHERE id = " + videos.get(3));
        assertCategoryTotals();
        sql("UPDATE videos SET name = 'renamed', views = 7 WHERE id = " + videos.get(4));
        assertCategoryTotals();
        sql("DELETE FROM videos WHERE id = " + videos.get(5));
        assertCategoryTotals();
        sql("INSERT INTO server_blocks (host, created_at) VALUES ('s.example', 0)");
        assertCategoryTotals();
        sql("INSERT INTO account_blocks (account_id, created_at) VALUES (" + alice + ", 0)");
        assertCategoryTotals();
        sql("DELETE FROM server_blocks");
        sql("DELETE FROM account_blocks");
        sql("DELETE FROM channels WHERE id = " + bobChannel);
        assertCategoryTotals();
        sql("""
                INSERT INTO videos (uuid, channel_id, name, category, privacy, state, file_key, is_local, created_at, updated_at, published_at)
                VALUES ('00000000-0000-4000-8000-000000009999', %d, 'late', 1, 1, 1, 'late', TRUE, 1, 1, 1)""".formatted(aliceChannel));
        assertCategoryTotals();
        assertSameAsNaive();
    }
}
