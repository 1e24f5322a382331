package tandem.video;

import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tandem.core.PageRequest;
import tandem.db.Database;
import tandem.db.Sql;
import tandem.testing.TestDatabase;

import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The index-backed list queries give what the plain ones gave: `total` of the public lists from the
 * counters the triggers keep equals a count of the rows (through inserts, privacy and state changes,
 * moves, deletes and blocks), and search through the text index finds exactly what a LIKE over every
 * name finds. On SQLite, or on PostgreSQL when TANDEM_TEST_DATABASE_URL is set.
 */
class VideoListQueryTest {
    private String url;
    private Database db;
    private VideoStore store;
    private long localChannel, remoteChannel, localAccount, remoteAccount;
    private int n;

    @BeforeEach
    void open() throws Exception {
        url = TestDatabase.newDatabaseUrl(Files.createTempDirectory("lists-"));
        db = Database.open(url);
        store = new VideoStore(db.jdbi(), db.dialect());
        db.jdbi().useHandle(h -> {
            localAccount = h.createQuery("INSERT INTO accounts (name, display_name, created_at) VALUES ('alice', 'Alice', 0) RETURNING id").mapTo(Long.class).one();
            remoteAccount = h.createQuery("INSERT INTO accounts (name, host, display_name, created_at) VALUES ('bob', 'r.example', 'Bob', 0) RETURNING id").mapTo(Long.class).one();
            localChannel = h.createQuery("INSERT INTO channels (account_id, name, display_name, created_at) VALUES (:a, 'alice_c', 'A', 0) RETURNING id")
                    .bind("a", localAccount).mapTo(Long.class).one();
            remoteChannel = h.createQuery("INSERT INTO channels (account_id, name, host, display_name, created_at) VALUES (:a, 'bob_c', 'r.example', 'B', 0) RETURNING id")
                    .bind("a", remoteAccount).mapTo(Long.class).one();
        });
    }

    @AfterEach
    void close() {
        if (db != null) db.close();
        if (url != null) TestDatabase.drop(url);
    }

    private long video(long channel, String name, int privacy, int state) {
        int i = ++n;
        return db.jdbi().withHandle(h -> h.createQuery("""
                INSERT INTO videos (uuid, channel_id, name, privacy, state, file_key, is_local, created_at, updated_at, published_at)
                VALUES (:uuid, :c, :name, :p, :s, :key, :local, :t, :t, :t) RETURNING id""")
                .bind("uuid", "00000000-0000-4000-8000-%012d".formatted(i)).bind("c", channel).bind("name", name)
                .bind("p", privacy).bind("s", state).bind("key", "k" + i).bind("local", channel == localChannel).bind("t", 1000L * i)
                .mapTo(Long.class).one());
    }

    private void sql(String statement, Object... binds) {
        db.jdbi().useHandle(h -> {
            var u = h.createUpdate(statement);
            for (int i = 0; i < binds.length; i++) u.bind(i, binds[i]);
            u.execute();
        });
    }

    private static VideoQuery query(Boolean isLocal, String search) {
        return new VideoQuery(new PageRequest(0, 100, "publishedAt", true), isLocal, null, null, null, search, null, null, null);
    }

    /** The public list's rows counted the plain way. */
    private long counted(Boolean isLocal) {
        return db.jdbi().withHandle(h -> {
            var q = h.createQuery("""
                SELECT COUNT(*) FROM videos v JOIN channels c ON c.id = v.channel_id JOIN accounts a ON a.id = c.account_id
                WHERE v.privacy = 1 AND v.state = 1 AND (c.host IS NULL OR c.host NOT IN (SELECT host FROM server_blocks))
                  AND a.id NOT IN (SELECT account_id FROM account_blocks)""" + (isLocal == null ? "" : " AND v.is_local = :l"));
            if (isLocal != null) q.bind("l", isLocal);
            return q.mapTo(Long.class).one();
        });
    }

    private void assertTotals() {
        for (Boolean local : new Boolean[] {null, true, false}) {
            assertThat(store.count(query(local, null))).as("total, isLocal=%s", local).isEqualTo(counted(local));
            assertThat(store.count(query(local, null))).isEqualTo(store.list(query(local, null)).size());
        }
    }

    @Test
    void public_totals_follow_every_change() {
        assertTotals();
        long a = video(localChannel, "a", 1, 1);
        long b = video(localChannel, "b", 3, 1);
        long c = video(remoteChannel, "c", 1, 2);
        long d = video(remoteChannel, "d", 1, 1);
        video(remoteChannel, "e", 1, 1);
        assertTotals();
        assertThat(store.count(query(null, null))).isEqualTo(3);
        sql("UPDATE videos SET privacy = 1 WHERE id = ?", b);
        sql("UPDATE videos SET state = 1 WHERE id = ?", c);
        assertTotals();
        sql("UPDATE videos SET privacy = 2 WHERE id = ?", a);
        sql("UPDATE videos SET channel_id = ?, is_local = TRUE WHERE id = ?", localChannel, d);
        sql("UPDATE videos SET name = 'renamed', views = 5 WHERE id = ?", c);
        assertTotals();
        sql("DELETE FROM videos WHERE id = ?", b);
        assertTotals();
        sql("INSERT INTO server_blocks (host, created_at) VALUES ('r.example', 0)");
        assertTotals();
        sql("DELETE FROM server_blocks");
        sql("INSERT INTO account_blocks (account_id, created_at) VALUES (?, 0)", localAccount);
        assertTotals();
        sql("DELETE FROM account_blocks");
        sql("DELETE FROM channels WHERE id = ?", remoteChannel);
        assertTotals();
        assertThat(store.count(query(null, null))).isEqualTo(1);
    }

    /** The ids a LIKE over every name (and an exact tag) finds, as the list found them before the text index. */
    private Set<Long> liked(String text) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT v.id FROM videos v WHERE v.privacy = 1 AND v.state = 1 AND (LOWER(v.name) LIKE :s"
                        + Sql.LIKE_ESCAPE + " OR v.id IN (SELECT video_id FROM video_tags WHERE LOWER(tag) = :t))")
                .bind("s", Sql.likeContains(text)).bind("t", text.trim().toLowerCase(Locale.ROOT)).mapTo(Long.class).set());
    }

    private void assertSearch(String text, int expected) {
        Set<Long> found = store.list(query(null, text)).stream().map(Video::id).collect(Collectors.toSet());
        assertThat(found).as("search %s", text).isEqualTo(liked(text)).hasSize(expected);
        assertThat(store.count(query(null, text))).as("total of search %s", text).isEqualTo(expected);
    }

    @Test
    void search_finds_what_a_like_over_the_names_finds() {
        video(localChannel, "Bicycle Trip", 1, 1);
        video(localChannel, "100% fun_time", 1, 1);
        video(localChannel, "funxtime 100 percent", 1, 1);
        video(remoteChannel, "Tricycles \"quoted\" ab", 1, 1);
        long tagged = video(localChannel, "no match in the name", 1, 1);
        video(localChannel, "Bicycle (private)", 3, 1);
        sql("INSERT INTO video_tags (video_id, tag) VALUES (?, 'Cycling')", tagged);
        assertSearch("bicycle", 1);
        assertSearch("  CYCLE ", 2);
        assertSearch("100%", 1);
        assertSearch("un_t", 1);
        assertSearch("\"quoted\"", 1);
        assertSearch("ab", 1);
        assertSearch("e", 5);
        assertSearch("cycling", 1);
        assertSearch("zebra", 0);
        sql("UPDATE videos SET name = 'Unicycle' WHERE name = 'Bicycle Trip'");
        assertSearch("bicycle", 0);
        assertSearch("unicycle", 1);
        sql("DELETE FROM videos WHERE name = 'Unicycle'");
        assertSearch("cycle", 1);
    }

    @Test
    void ascending_and_descending_pages_walk_the_same_order() {
        for (int i = 0; i < 7; i++) video(i % 2 == 0 ? localChannel : remoteChannel, "v" + i, 1, 1);
        sql("UPDATE videos SET views = 3");
        List<Long> down = store.list(new VideoQuery(new PageRequest(0, 100, "views", true), null, null, null, null, null, null, null, null))
                .stream().map(Video::id).toList();
        List<Long> up = store.list(new VideoQuery(new PageRequest(0, 100, "views", false), null, null, null, null, null, null, null, null))
                .stream().map(Video::id).toList();
        assertThat(down).hasSize(7).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(up).isEqualTo(down.reversed());
        List<Long> paged = new java.util.ArrayList<>();
        for (int start = 0; start < 7; start += 3) {
            store.list(new VideoQuery(new PageRequest(start, 3, "views", true), null, null, null, null, null, null, null, null))
                    .forEach(v -> paged.add(v.id()));
        }
        assertThat(paged).isEqualTo(down);
    }
}
