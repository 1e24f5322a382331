package tandem.account;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tandem.core.Problem;
import tandem.db.Transactions;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Password reset by e-mail. Asking always looks the same to the asker, whether the address is
 * known or not (nobody learns who has an account here); the link holds a random secret, kept
 * only as a hash, that works once within an hour; using it ends every session of the user.
 */
public final class PasswordResets {
    private static final Logger log = LoggerFactory.getLogger(PasswordResets.class);
    static final Duration LIFETIME = Duration.ofHours(1);
    /** A link younger than this is not replaced: asking again and again does not flood someone's mailbox. */
    static final Duration COOLDOWN = Duration.ofMinutes(2);

    private final Transactions transactions;
    private final RegistrationStore store;
    private final AccountService accounts;
    private final AccountStore users;
    private final PasswordHasher hasher;
    private final OAuthService oauth;
    private final AccountMails mails;
    private final Clock clock;

    public PasswordResets(Transactions transactions, RegistrationStore store, AccountService accounts, AccountStore users, PasswordHasher hasher,
                          OAuthService oauth, AccountMails mails, Clock clock) {
        this.transactions = transactions;
        this.store = store;
        this.accounts = accounts;
        this.users = users;
        this.hasher = hasher;
        this.oauth = oauth;
        this.mails = mails;
        this.clock = clock;
    }

    /** Mails a reset link when `email` is a user's (in their language, else `requestLanguage`); silent otherwise. */
    public void ask(String email, String requestLanguage) {
        if (email == null || !UserRules.validEmail(email)) throw Problem.invalidParam("email", UserRules.EMAIL_MESSAGE);
        Optional<User> found = accounts.userByEmail(email);
        if (found.isEmpty() || found.get().blocked()) {
            log.info("password reset asked for an address with no usable account");
            return;
        }
        User u = found.get();
        String secret = OAuthService.randomHex(32);
        String language = u.preferences().language() != null ? u.preferences().language() : requestLanguage;
        long now = clock.millis();
        transactions.useTransaction(h -> {
            if (store.resetExpiringAfter(h, u.id(), now + LIFETIME.minus(COOLDOWN).toMillis())) {
                log.info("password reset asked again for user {} within {}: the link already sent stands", u.username(), COOLDOWN);
                return;
            }
            store.saveReset(h, u.id(), OAuthService.sha256(secret), now + LIFETIME.toMillis());
            mails.passwordReset(h, u, language, "/reset-password?userId=" + u.id() + "&verificationString=" + secret);
            log.info("password reset link sent to user {}", u.username());
        });
    }

    /** Sets the new password when the link is right and fresh; 403 otherwise (used, expired, or wrong). */
    public void reset(long userId, String verificationString, String password) {
        if (verificationString == null || verificationString.isBlank()) throw Problem.invalidParam("verificationString", "Should have a verification string");
        if (!UserRules.validPassword(password)) throw Problem.invalidParam("password", UserRules.PASSWORD_MESSAGE);
        String hash = hasher.hash(password);
        transactions.useTransaction(h -> {
            if (!store.takeReset(h, userId, OAuthService.sha256(verificationString), clock.millis())) {
                throw Problem.forbidden("This reset link is invalid, already used or expired: ask for a new one.");
            }
            users.setPasswordHash(h, userId, hash);
            oauth.revokeAll(h, userId);
        });
        log.info("user {} reset their password; all their sessions ended", userId);
    }
}
