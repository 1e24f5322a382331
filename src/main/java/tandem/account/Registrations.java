package tandem.account;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tandem.core.Problem;
import tandem.db.Transactions;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Sign-up under the administrator's policy: closed (403), open (the user exists at once), or on
 * approval (a request that an administrator accepts, which creates the user, or rejects; the
 * applicant hears of it by e-mail). The instance's user limit closes both doors when reached. When the
 * administrator requires it, new users and requests get an address verification link first.
 */
public final class Registrations {
    private static final Logger log = LoggerFactory.getLogger(Registrations.class);
    static final int REASON_MAX = 3000;
    static final int RESPONSE_MAX = 3000;

    /** A sign-up as the form sends it; null display names take the defaults. */
    public record SignUp(String username, String password, String email, String displayName, String channelName,
                         String channelDisplayName, String language) {
        NewUser newUser() {
            return new NewUser(username, password, email, Role.USER, null, null, channelName);
        }

        AccountService.Profile profile() {
            return new AccountService.Profile(displayName, channelDisplayName, language);
        }
    }

    private final Transactions transactions;
    private final RegistrationStore store;
    private final AccountService accounts;
    private final PasswordHasher hasher;
    private final AccountMails mails;
    private final EmailVerifications verifications;
    private final Supplier<SignupRules> rules;
    private final Clock clock;

    public Registrations(Transactions transactions, RegistrationStore store, AccountService accounts, PasswordHasher hasher, AccountMails mails,
                         EmailVerifications verifications, Supplier<SignupRules> rules, Clock clock) {
        this.verifications = verifications;
        this.transactions = transactions;
        this.store = store;
        this.accounts = accounts;
        this.hasher = hasher;
        this.mails = mails;
        this.rules = rules;
        this.clock = clock;
    }

    /** `POST /users/register`: only when sign-up is open. */
    public User register(SignUp s) {
        SignupRules r = rules.get();
        if (r.mode() == SignupRules.Mode.CLOSED) throw Problem.forbidden("Registration is not enabled on this instance.");
        if (r.mode() == SignupRules.Mode.APPROVAL) {
            throw Problem.forbidden("Registrations on this instance need a moderator's approval: send a registration request instead.");
        }
        checkLimit(r);
        AccountService.checkNew(s.newUser(), s.profile());
        String hash = hasher.hash(s.password());
        long id = transactions.inTransaction(h -> {
            if (store.taken(h, s.username(), s.email())) throw Problem.conflict("User with this username or email already exists.");
            long uid = accounts.insert(h, s.newUser(), hash, s.profile());
            if (r.requiresEmailVerification()) verifications.startForNewUser(h, uid, s.username(), s.email(), s.language());
            return uid;
        });
        log.info("user {} signed up", s.username());
        return accounts.user(id).orElseThrow();
    }

    /** `POST /users/registrations/request`: only when sign-up needs approval; the reason is required. */
    public Registration request(SignUp s, String reason) {
        SignupRules r = rules.get();
        if (r.mode() == SignupRules.Mode.CLOSED) throw Problem.forbidden("Registration is not enabled on this instance.");
        if (r.mode() == SignupRules.Mode.OPEN) throw Problem.forbidden("Registrations on this instance need no approval: sign up directly instead.");
        checkLimit(r);
        AccountService.checkNew(s.newUser(), s.profile());
        if (reason == null || reason.isBlank() || reason.length() > REASON_MAX) {
            throw Problem.invalidParam("registrationReason", "Should have a registration reason (1 to " + REASON_MAX + " characters)");
        }
        String hash = hasher.hash(s.password());
        long id = transactions.inTransaction(h -> {
            if (store.taken(h, s.username(), s.email())) throw Problem.conflict("A registration request with this username or email already exists.");
            accounts.checkFree(h, s.username(), s.email(), s.newUser().channelName() == null ? s.username() + "_channel" : s.newUser().channelName());
            long rid = store.insert(h, s.newUser(), hash, s.profile(), reason.strip(), clock.millis());
            if (r.requiresEmailVerification()) verifications.startForRegistration(h, store.byId(h, rid).orElseThrow());
            mails.registrationRequested(h, store.byId(h, rid).orElseThrow());
            return rid;
        });
        log.info("registration request {} from {}", id, s.username());
        return transactions.inTransaction(h -> store.byId(h, id)).orElseThrow();
    }

    /** Accepts a pending request: the user is created with the password the applicant chose, and told by e-mail. */
    public User accept(long id, String response) {
        checkResponse(response);
        long userId = transactions.inTransaction(h -> {
            Registration r = pending(h, id);
            NewUser n = new NewUser(r.username(), null, r.email(), Role.USER, null, null, r.channelName());
            long uid = accounts.insert(h, n, store.passwordHash(h, id), new AccountService.Profile(r.displayName(), r.channelDisplayName(), r.language()));
            verifications.carryOver(h, r, uid);
            store.decide(h, id, Registration.State.ACCEPTED, response, uid, clock.millis());
            mails.registrationDecided(h, store.byId(h, id).orElseThrow(), true);
            return uid;
        });
        log.info("registration {} accepted", id);
        return accounts.user(userId).orElseThrow();
    }

    public void reject(long id, String response) {
        checkResponse(response);
        transactions.useTransaction(h -> {
            pending(h, id);
            store.decide(h, id, Registration.State.REJECTED, response, null, clock.millis());
            mails.registrationDecided(h, store.byId(h, id).orElseThrow(), false);
        });
        log.info("registration {} rejected", id);
    }

    /** Forgets a request (any state), which frees its username and address for another one. */
    public void delete(long id) {
        transactions.useTransaction(h -> {
            store.byId(h, id).orElseThrow(() -> Problem.notFound("Registration not found"));
            store.delete(h, id);
        });
    }

    public List<Registration> list(int start, int count, boolean pendingOnly) {
        return store.list(start, count, pendingOnly);
    }

    public long count(boolean pendingOnly) {
        return store.count(pendingOnly);
    }

    public Optional<Registration> get(long id) {
        return transactions.inTransaction(h -> store.byId(h, id));
    }

    private Registration pending(org.jdbi.v3.core.Handle h, long id) {
        Registration r = store.byId(h, id).orElseThrow(() -> Problem.notFound("Registration not found"));
        if (r.state() != Registration.State.PENDING) throw Problem.conflict("This registration was already " + r.state().label.toLowerCase(java.util.Locale.ROOT) + ".");
        return r;
    }

    private void checkLimit(SignupRules r) {
        if (r.limit() >= 0 && accounts.countUsers() >= r.limit()) throw Problem.forbidden("The registration limit of this instance is reached.");
    }

    private static void checkResponse(String response) {
        if (response != null && response.length() > RESPONSE_MAX) {
            throw Problem.invalidParam("moderationResponse", "Should have a moderation response of at most " + RESPONSE_MAX + " characters");
        }
    }
}
