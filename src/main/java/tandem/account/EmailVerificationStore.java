package tandem.account;

import org.jdbi.v3.core.Handle;

/** SQL for e-mail verification links: one live link per subject ('user:12', 'registration:3'), kept as a hash. */
final class EmailVerificationStore {
    /** Replaces the subject's link: only the newest one mailed works. */
    void save(Handle h, String subject, String tokenHash, long expiresAt) {
        h.createUpdate("DELETE FROM email_verifications WHERE subject = :s").bind("s", subject).execute();
        h.createUpdate("INSERT INTO email_verifications (subject, token_hash, expires_at) VALUES (:s, :t, :e)")
                .bind("s", subject).bind("t", tokenHash).bind("e", expiresAt).execute();
    }

    /** Whether the subject has a link that expires after `time` (one sent recently). */
    boolean expiringAfter(Handle h, String subject, long time) {
        return h.createQuery("SELECT COUNT(*) FROM email_verifications WHERE subject = :s AND expires_at > :t")
                .bind("s", subject).bind("t", time).mapTo(Long.class).one() > 0;
    }

    /** Takes the subject's link if it is this one and still valid; deleted once matched, so it works once. */
    boolean take(Handle h, String subject, String tokenHash, long now) {
        return h.createUpdate("DELETE FROM email_verifications WHERE subject = :s AND token_hash = :t AND expires_at > :now")
                .bind("s", subject).bind("t", tokenHash).bind("now", now).execute() == 1;
    }

    void delete(Handle h, String subject) {
        h.createUpdate("DELETE FROM email_verifications WHERE subject = :s").bind("s", subject).execute();
    }
}
