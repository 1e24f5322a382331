package tandem.account;

import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tandem.core.Problem;
import tandem.db.Transactions;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * E-mail verification, as PeerTube's `signup.requiresEmailVerification`: a user who signs up while the
 * administrator requires it gets a link by mail and cannot sign in before following it. The link holds
 * a random secret, kept only as a hash, that works once within PeerTube's hour. Asking for a new link
 * looks the same to the asker whether the address is known or not.
 */
public final class EmailVerifications {
    private static final Logger log = LoggerFactory.getLogger(EmailVerifications.class);
    /** PeerTube's EMAIL_VERIFY_LIFETIME. */
    static final Duration LIFETIME = Duration.ofHours(1);
    /** A link younger than this is not replaced: asking again and again does not flood someone's mailbox. */
    static final Duration COOLDOWN = Duration.ofMinutes(2);

    private final Transactions transactions;
    private final EmailVerificationStore store;
    private final AccountService accounts;
    private final AccountMails mails;
    private final BooleanSupplier required;
    private final Clock clock;

    public EmailVerifications(Transactions transactions, EmailVerificationStore store, AccountService accounts, AccountMails mails,
                              BooleanSupplier required, Clock clock) {
        this.transactions = transactions;
        this.store = store;
        this.accounts = accounts;
        this.mails = mails;
        this.required = required;
        this.clock = clock;
    }

    /** Whether the administrator requires it now. */
    public boolean required() {
        return required.getAsBoolean();
    }

    /** A new user who must verify their address: marked unverified and mailed a link, in the caller's transaction. */
    void startFor(Handle h, long userId, String username, String email, String language) {
        store.setVerified(h, userId, false);
        sendLink(h, userId, username, email, language);
    }

    /** PeerTube's check at sign-in: a user who has not verified an address the instance requires to be verified gets a 400. */
    public void checkMaySignIn(User user) {
        if (required() && store.emailVerified(user.id()).equals(Optional.of(false))) {
            throw new Problem(400, "access_denied", "User email is not verified.");
        }
    }

    /** PeerTube's emailVerified for a user (null: never asked). */
    public Boolean emailVerified(long userId) {
        return store.emailVerified(userId).orElse(null);
    }

    /** `POST /users/ask-send-verify-email`: a new link for an unverified address; silent for any other. */
    public void ask(String email, String requestLanguage) {
        if (email == null || !UserRules.validEmail(email)) throw Problem.invalidParam("email", "Should have a valid email");
        Optional<User> found = accounts.userByEmail(email);
        if (found.isEmpty() || !store.emailVerified(found.get().id()).equals(Optional.of(false))) {
            log.info("verification link asked for an address with nothing to verify");
            return;
        }
        User u = found.get();
        String language = u.preferences().language() != null ? u.preferences().language() : requestLanguage;
        transactions.useTransaction(h -> {
            if (store.linkExpiringAfter(h, u.id(), clock.millis() + LIFETIME.minus(COOLDOWN).toMillis())) {
                log.info("verification link asked again for user {} within {}: the link already sent stands", u.username(), COOLDOWN);
                return;
            }
            sendLink(h, u.id(), u.username(), u.email(), language);
        });
    }

    /** `POST /users/{id}/verify-email`: the address is verified when the link is right and fresh; 403 otherwise. */
    public void verify(long userId, String verificationString) {
        if (verificationString == null || verificationString.isBlank()) {
            throw Problem.invalidParam("verificationString", "Should have a valid verification string");
        }
        if (accounts.user(userId).isEmpty()) throw Problem.notFound("User not found");
        transactions.useTransaction(h -> {
            if (!store.takeLink(h, userId, OAuthService.sha256(verificationString), clock.millis())) {
                throw Problem.forbidden("Invalid verification string.");
            }
            store.setVerified(h, userId, true);
        });
        log.info("user {} verified their e-mail address", userId);
    }

    private void sendLink(Handle h, long userId, String username, String email, String language) {
        String secret = OAuthService.randomHex(32);
        store.saveLink(h, userId, OAuthService.sha256(secret), clock.millis() + LIFETIME.toMillis());
        mails.verifyEmail(h, username, email, language, "/verify-account/email?userId=" + userId + "&verificationString=" + secret);
        log.info("verification link sent to user {}", username);
    }
}
