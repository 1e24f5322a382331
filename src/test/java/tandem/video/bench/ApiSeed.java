package tandem.video.bench;

import tandem.db.Database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * Seeds a Tandem database with N published-looking videos for bench/api.sh, in set-based
 * statements (a recursive CTE, the same SQL on SQLite and PostgreSQL), after Tandem's own migrations.
 * Usage: ApiSeed <database url> <videos>. One channel (and account) per 100 videos, every fifth one
 * remote; 1 video in 20 is private or not yet published; 1 name in 1000 contains "foo"; views, likes,
 * categories and tags spread over the rows.
 */
public final class ApiSeed {
    private static final int CHUNK = 2000;

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int n = Integer.parseInt(args[1]);
        int channels = Math.max(1, n / 100);
        long t0 = System.nanoTime();
        try (Database db = Database.open(url)) {
            // migrated by Database.open; the rows go in over plain JDBC
        }
        long base = 1_700_000_000_000L;
        // a real UUID per row (the API encodes short UUIDs): the row number, zero-padded, as its last group
        String pad = url.contains("postgres") ? "lpad(CAST(i AS TEXT), 12, '0')" : "substr('000000000000' || i, -12, 12)";
        try (Connection c = DriverManager.getConnection(Database.toJdbcUrl(url)); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            String seq = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d) ";
            s.executeUpdate(String.format(seq, channels) + """
                    INSERT INTO accounts (name, host, display_name, created_at)
                    SELECT 'bench_a' || i, CASE WHEN i %% 5 = 0 THEN 'remote.example' END, 'Bench account ' || i, %d FROM n""".formatted(base));
            s.executeUpdate(String.format(seq, channels) + """
                    INSERT INTO channels (account_id, name, host, display_name, created_at)
                    SELECT a.id, 'bench_c' || i, a.host, 'Bench channel ' || i, %d FROM n JOIN accounts a ON a.name = 'bench_a' || i""".formatted(base));
            // In chunks of CHUNK rows, one transaction each, as videos arrive one by one in life: the counters'
            // rows are updated by every insert, and PostgreSQL cleans their old versions only between transactions.
            c.commit();
            String chunk = "WITH RECURSIVE n(i) AS (SELECT %d UNION ALL SELECT i + 1 FROM n WHERE i < %d) ";
            for (int lo = 1; lo <= n; lo += CHUNK) {
                s.executeUpdate(String.format(chunk, lo, Math.min(n, lo + CHUNK - 1)) + """
                        INSERT INTO videos (uuid, channel_id, name, description, category, licence, language, privacy, nsfw, state,
                            file_key, duration, views, likes, is_local, created_at, updated_at, published_at)
                        SELECT '00000000-0000-4000-8000-' || %s, c.id,
                            'Video ' || i || ' ' || CASE WHEN i %% 1000 = 1 THEN 'foo' ELSE 'w' || (i %% 1000) END,
                            'Seeded by bench/api.sh', 1 + i %% 18, 1, 'en',
                            CASE WHEN i %% 20 = 7 THEN 3 ELSE 1 END, (i %% 50 = 3),
                            CASE WHEN i %% 20 = 11 THEN 2 ELSE 1 END,
                            'benchkey' || i, 60 + i %% 600, (i * 7919) %% 10007, (i * 31) %% 101, c.host IS NULL,
                            %d + i * 1000, %d + i * 1000, CASE WHEN i %% 20 = 11 THEN NULL ELSE %d + i * 1000 END
                        FROM n JOIN channels c ON c.name = 'bench_c' || (1 + i %% %d)""".formatted(pad, base, base, base, channels));
                c.commit();
            }
            s.executeUpdate("""
                    INSERT INTO video_tags (video_id, tag)
                    SELECT id, 'tag' || (id %% 500) FROM videos WHERE file_key LIKE 'benchkey%%'""".formatted());
            c.commit();
            // PostgreSQL's autovacuum would gather statistics soon after such a load; do it now.
            if (url.contains("postgres")) {
                c.setAutoCommit(true);
                s.execute("ANALYZE");
            }
        }
        System.err.printf("seeded %d videos in %d channels in %d ms%n", n, channels, (System.nanoTime() - t0) / 1_000_000);
    }
}
