package tandem.account;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tandem.core.Problem;
import tandem.core.SlidingWindowLimiter;
import tandem.db.Transactions;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What users change about themselves (PeerTube's `PUT /users/me`): their account's public profile
 * (display name 1 to 120 characters, description up to 1,000; empty clears it), which followers on
 * other instances hear of through {@link AccountEvents}; and their password, only with the current
 * one, which ends their other sessions; and their address, also only with the current password, which
 * waits in `pendingEmail` for the link mailed to it when the administrator requires verified addresses. Tries at the current password are limited per user as logins
 * are per address: a stolen session must not become a way to guess it.
 */
public final class ProfileEditing {
    private static final Logger log = LoggerFactory.getLogger(ProfileEditing.class);
    static final int DISPLAY_NAME_MAX = 120;

    /** The fields a request may change; null leaves one as it is. A new password or e-mail needs the current password. */
    public record Changes(String displayName, String description, String currentPassword, String password, String email,
                          UserPreferences preferences) {}

    private final Transactions transactions;
    private final AccountStore store;
    private final PasswordHasher hasher;
    private final OAuthService oauth;
    private final AccountEvents events;
    private final SlidingWindowLimiter passwordTries;
    private final EmailVerifications verifications;
    private final java.util.function.BooleanSupplier emailVerificationRequired;

    /** {@code emailVerificationRequired}: whether a new address waits in `pendingEmail` for the link mailed to it. */
    public ProfileEditing(Transactions transactions, AccountStore store, PasswordHasher hasher, OAuthService oauth, AccountEvents events,
                          SlidingWindowLimiter passwordTries, EmailVerifications verifications, java.util.function.BooleanSupplier emailVerificationRequired) {
        this.verifications = verifications;
        this.emailVerificationRequired = emailVerificationRequired;
        this.transactions = transactions;
        this.store = store;
        this.hasher = hasher;
        this.oauth = oauth;
        this.events = events;
        this.passwordTries = passwordTries;
    }

    /** Applies `changes` for `user`, whose session is `accessToken` (kept when the password changes); all or nothing. */
    public void update(User user, String accessToken, Changes changes) {
        Account a = store.accountById(user.accountId()).orElseThrow(() -> Problem.notFound("Account not found"));
        Map<String, String> errors = new LinkedHashMap<>();
        String displayName = ProfileFields.displayName(changes.displayName(), a.displayName(), DISPLAY_NAME_MAX, errors);
        String description = ProfileFields.text(changes.description(), a.description(), "description", errors);
        String email = changes.email() == null || changes.email().equalsIgnoreCase(user.email()) ? null : changes.email();
        if (email != null && !UserRules.validEmail(email)) errors.put("email", UserRules.EMAIL_MESSAGE);
        UserPreferences prefs = changes.preferences() == null ? null : Preferences.merge(user.preferences(), changes.preferences(), errors);
        String hash = changes.password() == null && email == null ? null : checkPassword(user, changes, errors);
        if (!errors.isEmpty()) throw Problem.invalidParams(errors);
        String newHash = hash;
        boolean profileChanged = !displayName.equals(a.displayName()) || !Objects.equals(description, a.description());
        transactions.useTransaction(h -> {
            if (profileChanged) {
                store.updateAccount(h, a.id(), displayName, description);
                events.accountUpdated(h, a.id());
            }
            if (prefs != null) store.setPreferences(h, user.id(), prefs);
            if (email != null) {
                if (store.emailTaken(h, email, user.id())) throw Problem.conflict("User with this email already exists.");
                if (emailVerificationRequired.getAsBoolean()) verifications.startForNewAddress(h, user, email);
                else store.setEmail(h, user.id(), email);
            }
            if (newHash != null) {
                store.setPasswordHash(h, user.id(), newHash);
                oauth.revokeOthers(h, user.id(), accessToken);
            }
        });
        if (newHash != null) log.info("user {} changed their password; their other sessions ended", user.username());
    }

    /**
     * The new password's hash (null when only the e-mail changes), when it is acceptable and the current
     * one was given right. A wrong one is a 400 on its field, not PeerTube's 401: clients take a 401 for
     * an expired session.
     */
    private String checkPassword(User user, Changes changes, Map<String, String> errors) {
        if (changes.password() != null && !UserRules.validPassword(changes.password())) errors.put("password", UserRules.PASSWORD_MESSAGE);
        if (!passwordTries.tryAcquire("user:" + user.id())) {
            long wait = passwordTries.retryAfterSeconds("user:" + user.id());
            throw Problem.tooManyRequests("Too many password changes tried, please try again in " + wait + " s.", wait);
        }
        String current = store.passwordHash(user.id()).orElse(null);
        if (changes.currentPassword() == null || !hasher.matches(changes.currentPassword(), current)) {
            errors.put("currentPassword", "The current password is required to change the password or the e-mail, and it is not this one");
        }
        return errors.isEmpty() && changes.password() != null ? hasher.hash(changes.password()) : null;
    }
}
