package tandem.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The connection pool, the Jdbi handle factory and the schema migrations, for SQLite or PostgreSQL. */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final Transactions transactions;
    private final Dialect dialect;

    private Database(HikariDataSource dataSource, Dialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.jdbi = Jdbi.create(dataSource);
        this.transactions = new Transactions(jdbi);
    }

    /** Opens the database named by a `jdbc:` or `postgresql://` URL and migrates it. */
    public static Database open(String url) {
        String jdbcUrl = toJdbcUrl(url);
        Dialect dialect = jdbcUrl.startsWith("jdbc:sqlite:") ? Dialect.SQLITE : Dialect.POSTGRESQL;
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(jdbcUrl);
        hc.setPoolName("tandem-db");
        if (dialect == Dialect.SQLITE) {
            ensureParentDir(jdbcUrl);
            // WAL lets readers run beside the writer; IMMEDIATE transactions avoid lock-upgrade deadlocks.
            hc.addDataSourceProperty("journal_mode", "WAL");
            hc.addDataSourceProperty("busy_timeout", "15000");
            hc.addDataSourceProperty("transaction_mode", "IMMEDIATE");
            hc.addDataSourceProperty("foreign_keys", "true");
            hc.addDataSourceProperty("synchronous", "NORMAL");
            hc.setMaximumPoolSize(6);
        } else {
            hc.setMaximumPoolSize(12);
        }
        HikariDataSource ds = new HikariDataSource(hc);
        try {
            migrate(ds, dialect, jdbcUrl);
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
        return new Database(ds, dialect);
    }

    private static void migrate(HikariDataSource ds, Dialect dialect, String jdbcUrl) {
        var fw = Flyway.configure()
                .dataSource(ds)
                // db/migration is portable; db/sqlite and db/postgresql hold the few migrations that cannot be
                // (triggers, text indexes), numbered between the shared ones (V15.1 after V15).
                .locations("classpath:db/migration", dialect == Dialect.SQLITE ? "classpath:db/sqlite" : "classpath:db/postgresql")
                .placeholders(Map.of(
                        "id", dialect == Dialect.SQLITE ? "INTEGER PRIMARY KEY AUTOINCREMENT" : "BIGSERIAL PRIMARY KEY",
                        "blob", dialect == Dialect.SQLITE ? "BLOB" : "BYTEA"));
        String schema = schemaOf(jdbcUrl);
        if (schema != null) fw.schemas(schema).defaultSchema(schema);
        var flyway = fw.load();
        var result = flyway.migrate();
        var current = flyway.info().current();
        log.info("database ready: {} ({} migrations applied, schema version {})", dialect, result.migrationsExecuted,
                current == null ? "none" : current.getVersion());
    }

    /** Accepts `jdbc:...` as is and turns `postgresql://user:pass@host:port/db?x=y` into a JDBC URL. */
    public static String toJdbcUrl(String url) {
        if (url.startsWith("jdbc:")) return url;
        if (url.startsWith("postgresql://") || url.startsWith("postgres://")) {
            URI u = URI.create(url);
            StringBuilder sb = new StringBuilder("jdbc:postgresql://").append(u.getHost());
            if (u.getPort() > 0) sb.append(':').append(u.getPort());
            sb.append(u.getRawPath() == null || u.getRawPath().isEmpty() ? "/postgres" : u.getRawPath());
            StringBuilder q = new StringBuilder(u.getRawQuery() == null ? "" : u.getRawQuery());
            if (u.getUserInfo() != null) {
                String[] up = u.getUserInfo().split(":", 2);
                append(q, "user=" + up[0]);
                if (up.length > 1) append(q, "password=" + up[1]);
            }
            if (!q.isEmpty()) sb.append('?').append(q);
            return sb.toString();
        }
        if (url.startsWith("sqlite:")) return "jdbc:" + url;
        throw new IllegalStateException("Unsupported database URL (use postgresql://… or jdbc:sqlite:…): " + url);
    }

    private static void append(StringBuilder q, String kv) {
        if (!q.isEmpty()) q.append('&');
        q.append(kv);
    }

    private static String schemaOf(String jdbcUrl) {
        int i = jdbcUrl.indexOf("currentSchema=");
        if (i < 0) return null;
        String rest = jdbcUrl.substring(i + "currentSchema=".length());
        int amp = rest.indexOf('&');
        return amp < 0 ? rest : rest.substring(0, amp);
    }

    private static void ensureParentDir(String jdbcUrl) {
        String file = jdbcUrl.substring("jdbc:sqlite:".length());
        int q = file.indexOf('?');
        if (q >= 0) file = file.substring(0, q);
        if (file.isEmpty() || file.startsWith(":memory:")) return;
        try {
            Path parent = Path.of(file).toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Cannot create the database folder for " + file, e);
        }
    }

    /** What stores run their statements on. */
    public Jdbi jdbi() { return jdbi; }
    /** What services open their transactions with. */
    public Transactions transactions() { return transactions; }
    public Dialect dialect() { return dialect; }

    /** Whether the database answers a trivial query (the health check); a connection failure is thrown. */
    public boolean ping() {
        return jdbi.withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one()) == 1;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
