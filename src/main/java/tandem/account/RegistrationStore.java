package tandem.account;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import tandem.db.Rows;

import java.util.List;
import java.util.Optional;

/** SQL for sign-up requests that wait for an administrator, and for password-reset links. */
public final class RegistrationStore {
    private static final String COLUMNS = """
            id, username, email, display_name, channel_name, channel_display_name, reason, state, moderation_response, language,
            user_id, created_at, updated_at, email_verified""";
    private static final RowMapper<Registration> REGISTRATION = (rs, ctx) -> new Registration(rs.getLong("id"), rs.getString("username"),
            rs.getString("email"), rs.getString("display_name"), rs.getString("channel_name"), rs.getString("channel_display_name"),
            rs.getString("reason"), Registration.State.byId(rs.getInt("state")), rs.getString("moderation_response"), rs.getString("language"),
            Rows.longOrNull(rs, "user_id"), rs.getLong("created_at"), rs.getLong("updated_at"),
            Rows.booleanOrNull(rs, "email_verified"));

    private final Jdbi jdbi;

    public RegistrationStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    long insert(Handle h, NewUser n, String hash, AccountService.Profile p, String reason, long now) {
        return h.createQuery("""
                INSERT INTO user_registrations (username, email, password_hash, display_name, channel_name, channel_display_name, reason, state,
                language, created_at, updated_at) VALUES (:u, :e, :h, :dn, :cn, :cdn, :r, 1, :lang, :now, :now) RETURNING id""")
                .bind("u", n.username()).bind("e", n.email()).bind("h", hash).bind("dn", p.displayName()).bind("cn", n.channelName())
                .bind("cdn", p.channelDisplayName()).bind("r", reason).bind("lang", p.language()).bind("now", now).mapTo(Long.class).one();
    }

    /** Whether a request (of any state) already holds this username or address: they stay reserved until it is deleted. */
    boolean taken(Handle h, String username, String email) {
        return h.createQuery("SELECT COUNT(*) FROM user_registrations WHERE username = :u OR LOWER(email) = LOWER(:e)")
                .bind("u", username).bind("e", email).mapTo(Long.class).one() > 0;
    }

    /** The request holding this address, compared without case. */
    Optional<Registration> byEmail(Handle h, String email) {
        return h.createQuery("SELECT " + COLUMNS + " FROM user_registrations WHERE LOWER(email) = LOWER(:e)").bind("e", email)
                .map(REGISTRATION).findOne();
    }

    void setEmailVerified(Handle h, long id, Boolean verified) {
        h.createUpdate("UPDATE user_registrations SET email_verified = :v WHERE id = :id").bind("v", verified).bind("id", id).execute();
    }

    Optional<Registration> byId(Handle h, long id) {
        return h.createQuery("SELECT " + COLUMNS + " FROM user_registrations WHERE id = :id").bind("id", id).map(REGISTRATION).findOne();
    }

    String passwordHash(Handle h, long id) {
        return h.createQuery("SELECT password_hash FROM user_registrations WHERE id = :id").bind("id", id).mapTo(String.class).one();
    }

    void decide(Handle h, long id, Registration.State state, String response, Long userId, long now) {
        h.createUpdate("UPDATE user_registrations SET state = :s, moderation_response = :r, user_id = :uid, updated_at = :now WHERE id = :id")
                .bind("s", state.id).bind("r", response).bind("uid", userId).bind("now", now).bind("id", id).execute();
    }

    void delete(Handle h, long id) {
        h.createUpdate("DELETE FROM user_registrations WHERE id = :id").bind("id", id).execute();
    }

    /** Newest first, one page; pending ones only when asked. */
    List<Registration> list(int start, int count, boolean pendingOnly) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM user_registrations"
                        + (pendingOnly ? " WHERE state = 1" : "") + " ORDER BY created_at DESC, id DESC LIMIT :count OFFSET :start")
                .bind("count", count).bind("start", start).map(REGISTRATION).list());
    }

    long count(boolean pendingOnly) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM user_registrations" + (pendingOnly ? " WHERE state = 1" : ""))
                .mapTo(Long.class).one());
    }

    void saveReset(Handle h, long userId, String tokenHash, long expiresAt) {
        h.createUpdate("DELETE FROM password_resets WHERE user_id = :u").bind("u", userId).execute();
        h.createUpdate("INSERT INTO password_resets (user_id, token_hash, expires_at) VALUES (:u, :t, :e)")
                .bind("u", userId).bind("t", tokenHash).bind("e", expiresAt).execute();
    }

    /** Whether the user has a reset link that expires after `time` (one issued recently). */
    boolean resetExpiringAfter(Handle h, long userId, long time) {
        return h.createQuery("SELECT COUNT(*) FROM password_resets WHERE user_id = :u AND expires_at > :t")
                .bind("u", userId).bind("t", time).mapTo(Long.class).one() > 0;
    }

    /** Takes the user's reset link if it is this one and still valid: deleted either way once matched, so it works once. */
    boolean takeReset(Handle h, long userId, String tokenHash, long now) {
        int deleted = h.createUpdate("DELETE FROM password_resets WHERE user_id = :u AND token_hash = :t AND expires_at > :now")
                .bind("u", userId).bind("t", tokenHash).bind("now", now).execute();
        return deleted == 1;
    }
}
