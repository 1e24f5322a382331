package tandem.account;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.util.Optional;

/** SQL for e-mail verification: users' `email_verified` and the live links (V39). */
public final class EmailVerificationStore {
    private final Jdbi jdbi;

    public EmailVerificationStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** PeerTube's emailVerified: empty when never asked. */
    public Optional<Boolean> emailVerified(long userId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT email_verified FROM users WHERE id = :u").bind("u", userId)
                .mapTo(Boolean.class).findOne().flatMap(Optional::ofNullable));
    }

    void setVerified(Handle h, long userId, boolean verified) {
        h.createUpdate("UPDATE users SET email_verified = :v WHERE id = :u").bind("v", verified).bind("u", userId).execute();
    }

    /** Whether the user has a link that expires after `t` (a fresh one: not replaced, so asking again floods nobody). */
    boolean linkExpiringAfter(Handle h, long userId, long t) {
        return h.createQuery("SELECT COUNT(*) FROM email_verifications WHERE user_id = :u AND expires_at > :t")
                .bind("u", userId).bind("t", t).mapTo(Long.class).one() > 0;
    }

    void saveLink(Handle h, long userId, String tokenHash, long expiresAt) {
        h.createUpdate("DELETE FROM email_verifications WHERE user_id = :u").bind("u", userId).execute();
        h.createUpdate("INSERT INTO email_verifications (user_id, token_hash, expires_at) VALUES (:u, :t, :e)")
                .bind("u", userId).bind("t", tokenHash).bind("e", expiresAt).execute();
    }

    /** Uses the link: true (and gone) when it was the user's and still fresh. */
    boolean takeLink(Handle h, long userId, String tokenHash, long now) {
        return h.createUpdate("DELETE FROM email_verifications WHERE user_id = :u AND token_hash = :t AND expires_at > :now")
                .bind("u", userId).bind("t", tokenHash).bind("now", now).execute() == 1;
    }
}
