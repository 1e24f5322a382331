package tandem.video.moderation;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import tandem.account.Account;
import tandem.db.Rows;

import java.util.List;
import java.util.Optional;

/** SQL for the messages about reports (`abuse_messages`), oldest first as a conversation reads. */
public final class AbuseMessageStore {
    private static final String SELECT = """
            SELECT m.*, a.id AS a_id, a.user_id AS a_user_id, a.name AS a_name, a.host AS a_host, a.display_name AS a_display_name,
                   a.created_at AS a_created_at
            FROM abuse_messages m LEFT JOIN accounts a ON a.id = m.account_id""";

    private static final RowMapper<AbuseMessage> MESSAGE = (rs, ctx) -> {
        Long authorId = Rows.longOrNull(rs, "a_id");
        Account author = authorId == null ? null : new Account(authorId, Rows.longOrNull(rs, "a_user_id"), rs.getString("a_name"),
                rs.getString("a_host"), rs.getString("a_display_name"), null, rs.getLong("a_created_at"));
        return new AbuseMessage(rs.getLong("id"), rs.getLong("abuse_id"), Rows.longOrNull(rs, "account_id"), author, rs.getString("message"),
                rs.getBoolean("by_moderator"), rs.getLong("created_at"));
    };

    private final Jdbi jdbi;

    public AbuseMessageStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public long insert(Handle h, long abuseId, long accountId, String message, boolean byModerator, long now) {
        return h.createQuery("""
                INSERT INTO abuse_messages (abuse_id, account_id, message, by_moderator, created_at)
                VALUES (:abuse, :account, :message, :byModerator, :now) RETURNING id""")
                .bind("abuse", abuseId).bind("account", accountId).bind("message", message).bind("byModerator", byModerator).bind("now", now)
                .mapTo(Long.class).one();
    }

    public List<AbuseMessage> list(long abuseId) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + " WHERE m.abuse_id = :abuse ORDER BY m.id").bind("abuse", abuseId).map(MESSAGE).list());
    }

    public Optional<AbuseMessage> byId(long abuseId, long messageId) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + " WHERE m.abuse_id = :abuse AND m.id = :id")
                .bind("abuse", abuseId).bind("id", messageId).map(MESSAGE).findOne());
    }

    public boolean delete(long abuseId, long messageId) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM abuse_messages WHERE abuse_id = :abuse AND id = :id")
                .bind("abuse", abuseId).bind("id", messageId).execute() > 0);
    }
}
