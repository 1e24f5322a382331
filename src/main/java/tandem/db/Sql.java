package tandem.db;

import org.jdbi.v3.core.Handle;

import java.util.Locale;
import java.util.Map;

/** Small SQL builders that several stores need, written once and portable to SQLite and PostgreSQL. */
public final class Sql {
    private Sql() {}

    /**
     * The clause that goes after `LIKE :param` when the pattern comes from {@link #likeContains}. Not a
     * backslash: Jdbi's statement parser takes a backslash before a quote as an escaped quote.
     */
    public static final String LIKE_ESCAPE = " ESCAPE '!'";

    /**
     * A LIKE pattern (used with {@link #LIKE_ESCAPE}) matching text that contains `part`, lower-cased:
     * a user's `%` or `_` is taken literally rather than as a wildcard.
     */
    public static String likeContains(String part) {
        String s = part.trim().toLowerCase(Locale.ROOT);
        return "%" + s.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
    }

    /** `UPDATE table SET col = :col, … WHERE id = :id` for the given columns; nothing when there are none. */
    public static void updateById(Handle h, String table, Map<String, Object> columns, long id) {
        if (columns.isEmpty()) return;
        StringBuilder sql = new StringBuilder("UPDATE ").append(table).append(" SET ");
        columns.keySet().forEach(k -> sql.append(k).append(" = :").append(k).append(", "));
        sql.setLength(sql.length() - 2);
        var update = h.createUpdate(sql + " WHERE id = :id").bind("id", id);
        columns.forEach(update::bind);
        update.execute();
    }
}
