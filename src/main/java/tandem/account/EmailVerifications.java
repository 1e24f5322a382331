package tandem.account;

import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tandem.core.Problem;
import tandem.db.Transactions;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * E-mail address verification (PeerTube's `signup.requiresEmailVerification`): a user who signed up,
 * a registration request, or a user's new address gets a link holding a random secret, kept only as a
 * hash, that works once within an hour (PeerTube's lifetime). A new address waits in `pendingEmail`
 * under its own link, so the link mailed to it cannot verify the old one and the reverse. Asking for
 * the link again looks the same whether the address is known or not.
 */
public final class EmailVerifications {
    private static final Logger log = LoggerFactory.getLogger(EmailVerifications.class);
    static final Duration LIFETIME = Duration.ofHours(1);
    /** A link younger than this is not replaced when asked again: asking again and again does not flood someone's mailbox. */
    static final Duration COOLDOWN = Duration.ofMinutes(2);
    static final String INVALID = "Invalid verification string.";

    private final Transactions transactions;
    private final EmailVerificationStore store = new EmailVerificationStore();
    private final AccountStore users;
    private final RegistrationStore registrations;
    private final AccountMails mails;
    private final Clock clock;

    public EmailVerifications(Transactions transactions, AccountStore users, RegistrationStore registrations, AccountMails mails, Clock clock) {
        this.transactions = transactions;
        this.users = users;
        this.registrations = registrations;
        this.mails = mails;
        this.clock = clock;
    }

    /** In the caller's transaction: marks the user unverified and mails them a link (sign-up with verification required). */
    void startForNewUser(Handle h, long userId, String username, String email, String language) {
        users.setEmailVerified(h, userId, false);
        sendToUser(h, userId, username, email, language, false);
    }

    /** In the caller's transaction: marks the request unverified and mails its applicant a link. */
    void startForRegistration(Handle h, Registration r) {
        registrations.setEmailVerified(h, r.id(), false);
        String secret = OAuthService.randomHex(32);
        store.save(h, registrationSubject(r.id()), OAuthService.sha256(secret), clock.millis() + LIFETIME.toMillis());
        mails.verifyEmail(h, r.email(), r.username(), r.language(), "/verify-account/email?registrationId=" + r.id() + "&verificationString=" + secret,
                true);
    }

    /** In the caller's transaction: a user's new address waits in `pendingEmail` for the link mailed to it. */
    void startForNewAddress(Handle h, User u, String newEmail) {
        users.setPendingEmail(h, u.id(), newEmail);
        sendToUser(h, u.id(), u.username(), newEmail, u.preferences().language(), true);
    }

    /** The user made from an accepted request keeps the request's state: verified, waiting, or never asked. */
    void carryOver(Handle h, Registration r, long userId) {
        users.setEmailVerified(h, userId, r.emailVerified());
    }

    /**
     * `POST /users/ask-send-verify-email` (and its `/registrations/` twin): mails a new link when `email` is
     * an unverified user's or pending request's; silent otherwise, so the answer tells nothing.
     */
    public void ask(String email, String requestLanguage) {
        if (email == null || !UserRules.validEmail(email)) throw Problem.invalidParam("email", "Should have a valid email");
        long now = clock.millis();
        long recent = now + LIFETIME.minus(COOLDOWN).toMillis();
        Optional<User> user = users.userByEmail(email).filter(u -> Boolean.FALSE.equals(u.emailVerified()) && !u.blocked());
        transactions.useTransaction(h -> {
            if (user.isPresent()) {
                User u = user.get();
                if (store.expiringAfter(h, userSubject(u.id()), recent)) return;
                sendToUser(h, u.id(), u.username(), u.email(), u.preferences().language() != null ? u.preferences().language() : requestLanguage, false);
                log.info("verification link sent again to user {}", u.username());
                return;
            }
            Optional<Registration> r = registrations.byEmail(h, email)
                    .filter(x -> x.state() == Registration.State.PENDING && Boolean.FALSE.equals(x.emailVerified()));
            if (r.isPresent()) {
                if (store.expiringAfter(h, registrationSubject(r.get().id()), recent)) return;
                startForRegistration(h, r.get());
                log.info("verification link sent again for registration {}", r.get().id());
                return;
            }
            log.info("verification link asked for an address with nothing to verify");
        });
    }

    /** `POST /users/{id}/verify-email`: the address (or, with `isPendingEmail`, the new one) is verified; 403 for a wrong, used or expired link. */
    public void verifyUser(long userId, String verificationString, boolean isPendingEmail) {
        checkString(verificationString);
        User u = users.userById(userId).orElseThrow(() -> Problem.notFound("User not found"));
        transactions.useTransaction(h -> {
            String subject = isPendingEmail ? pendingSubject(userId) : userSubject(userId);
            if (!store.take(h, subject, OAuthService.sha256(verificationString), clock.millis())) throw Problem.forbidden(INVALID);
            if (isPendingEmail) {
                if (u.pendingEmail() == null) throw Problem.forbidden(INVALID);
                if (users.emailTaken(h, u.pendingEmail(), userId)) throw Problem.conflict("User with this email already exists.");
                users.confirmPendingEmail(h, userId);
            } else {
                users.setEmailVerified(h, userId, true);
            }
        });
        log.info("user {} verified their {}address", u.username(), isPendingEmail ? "new " : "");
    }

    /** `POST /users/registrations/{id}/verify-email`: the request's address is verified; 403 for a wrong, used or expired link. */
    public void verifyRegistration(long registrationId, String verificationString) {
        checkString(verificationString);
        transactions.useTransaction(h -> {
            registrations.byId(h, registrationId).orElseThrow(() -> Problem.notFound("Registration not found"));
            if (!store.take(h, registrationSubject(registrationId), OAuthService.sha256(verificationString), clock.millis())) {
                throw Problem.forbidden(INVALID);
            }
            registrations.setEmailVerified(h, registrationId, true);
        });
        log.info("registration {} verified its address", registrationId);
    }

    private void sendToUser(Handle h, long userId, String username, String to, String language, boolean pending) {
        String secret = OAuthService.randomHex(32);
        store.save(h, pending ? pendingSubject(userId) : userSubject(userId), OAuthService.sha256(secret), clock.millis() + LIFETIME.toMillis());
        mails.verifyEmail(h, to, username, language, "/verify-account/email?userId=" + userId + "&verificationString=" + secret
                + (pending ? "&isPendingEmail=true" : ""), false);
    }

    private static void checkString(String verificationString) {
        if (verificationString == null || verificationString.isBlank()) {
            throw Problem.invalidParam("verificationString", "Should have a valid verification string");
        }
    }

    private static String userSubject(long id) {
        return "user:" + id;
    }

    private static String pendingSubject(long id) {
        return "pending-email:" + id;
    }

    private static String registrationSubject(long id) {
        return "registration:" + id;
    }
}
