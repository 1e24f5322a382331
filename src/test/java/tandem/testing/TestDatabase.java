package tandem.testing;

import tandem.db.Database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The database a test instance uses: SQLite in its data folder by default, or a fresh schema in
 * the PostgreSQL named by TANDEM_TEST_DATABASE_URL (CI runs the whole suite both ways).
 */
public final class TestDatabase {
    private TestDatabase() {}

    public static boolean postgres() {
        String url = System.getenv("TANDEM_TEST_DATABASE_URL");
        return url != null && !url.isBlank();
    }

    /** A database URL for one instance; on PostgreSQL a new schema so instances never share rows. */
    public static String newDatabaseUrl(java.nio.file.Path dataDir) {
        if (!postgres()) return "jdbc:sqlite:" + dataDir.resolve("tandem.db");
        String jdbc = Database.toJdbcUrl(System.getenv("TANDEM_TEST_DATABASE_URL"));
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = DriverManager.getConnection(jdbc); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test schema in " + jdbc, e);
        }
        return jdbc + (jdbc.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /** Drops the schema a PostgreSQL test instance used. */
    public static void drop(String url) {
        int i = url.indexOf("currentSchema=");
        if (!url.startsWith("jdbc:postgresql:") || i < 0) return;
        String schema = url.substring(i + "currentSchema=".length());
        String base = url.replace("currentSchema=" + schema, "").replaceAll("[?&]$", "");
        try (Connection c = DriverManager.getConnection(base); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop test schema " + schema, e);
        }
    }
}
