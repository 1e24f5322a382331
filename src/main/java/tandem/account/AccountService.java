package tandem.account;

import tandem.core.Problem;
import org.jdbi.v3.core.Handle;
import tandem.db.Transactions;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/** Users, their account and their default channel: creation, lookup, password checks. */
public final class AccountService {
    private static final Pattern CHANNEL_NAME = Pattern.compile("^[a-zA-Z0-9\\-_.:]{1,50}$");

    private final Transactions transactions;
    private final AccountStore store;
    private final PasswordHasher hasher;
    private final Clock clock;
    private final Supplier<UserDefaults> defaults;

    /** {@code defaults}: what a new user gets, read at each creation (the administrator may change it). */
    public AccountService(Transactions transactions, AccountStore store, PasswordHasher hasher, Clock clock, Supplier<UserDefaults> defaults) {
        this.transactions = transactions;
        this.store = store;
        this.hasher = hasher;
        this.clock = clock;
        this.defaults = defaults;
    }

    /** Creates the user, its account and its default channel in one transaction. */
    public User create(NewUser n) {
        Profile profile = new Profile(null, null, null);
        checkNew(n, profile);
        String hash = hasher.hash(n.password());
        long id = transactions.inTransaction(h -> insert(h, n, hash, profile));
        return store.userById(id).orElseThrow();
    }

    /** What sign-up adds to {@link NewUser}: the account's and channel's display names and the user's language; null for defaults. */
    record Profile(String displayName, String channelDisplayName, String language) {}

    /** Checks a new user's fields (400 naming each bad one; 409 when the channel name is the username). */
    static void checkNew(NewUser n, Profile profile) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (!UserRules.validUsername(n.username())) errors.put("username", "Should have a valid username (1-50 lower-case letters, digits, '.' or '_')");
        if (!UserRules.validPassword(n.password())) errors.put("password", UserRules.PASSWORD_MESSAGE);
        if (!UserRules.validEmail(n.email())) errors.put("email", UserRules.EMAIL_MESSAGE);
        if (n.role() == null) errors.put("role", "Should have a valid role");
        if (!UserRules.validQuota(n.videoQuota())) errors.put("videoQuota", "Should have a valid video quota");
        if (!UserRules.validQuota(n.videoQuotaDaily())) errors.put("videoQuotaDaily", "Should have a valid daily video quota");
        if (n.channelName() != null && !CHANNEL_NAME.matcher(n.channelName()).matches()) errors.put("channelName", "Should have a valid channel name");
        if (profile.displayName() != null && (profile.displayName().isBlank() || profile.displayName().length() > ProfileEditing.DISPLAY_NAME_MAX)) {
            errors.put("displayName", "Should have a valid display name (1 to 120 characters)");
        }
        if (profile.channelDisplayName() != null && (profile.channelDisplayName().isBlank() || profile.channelDisplayName().length() > ProfileEditing.DISPLAY_NAME_MAX)) {
            errors.put("channel.displayName", "Should have a valid channel display name (1 to 120 characters)");
        }
        if (!errors.isEmpty()) throw Problem.invalidParams(errors);
        if (channelName(n).equals(n.username())) throw Problem.conflict("The channel name must differ from the username");
    }

    private static String channelName(NewUser n) {
        return n.channelName() == null ? n.username() + "_channel" : n.channelName();
    }

    /** Whether a sign-up may use these names and address: 409 with the reason when another user or actor has them. */
    void checkFree(Handle h, String username, String email, String channelName) {
        if (store.userExists(h, username, email)) throw Problem.conflict("User with this username or email already exists.");
        if (store.actorNameTaken(h, username)) throw Problem.conflict("Another actor (account/channel) with this name on this instance already exists or has already existed.");
        if (store.actorNameTaken(h, channelName)) throw Problem.conflict("Another actor (account/channel) with name " + channelName + " on this instance already exists or has already existed.");
    }

    /** Inserts a checked new user (password already hashed) in the caller's transaction; returns its id. */
    long insert(Handle h, NewUser n, String hash, Profile profile) {
        String channelName = channelName(n);
        checkFree(h, n.username(), n.email(), channelName);
        UserDefaults d = defaults.get();
        long now = clock.millis();
        long userId = store.insertUser(h, n.username(), n.email(), hash, n.role(),
                n.videoQuota() == null ? d.videoQuota() : n.videoQuota(),
                n.videoQuotaDaily() == null ? d.videoQuotaDaily() : n.videoQuotaDaily(), d.p2pEnabled(), profile.language(), now);
        long accountId = store.insertAccount(h, userId, n.username(), profile.displayName() == null ? n.username() : profile.displayName(), now);
        store.insertChannel(h, accountId, channelName,
                profile.channelDisplayName() == null ? "Main " + n.username() + " channel" : profile.channelDisplayName(), now);
        return userId;
    }

    /**
     * Makes sure the `root` admin exists. Returns the password when this call created it
     * (the given one, or a generated one that the caller prints once).
     */
    public Optional<String> ensureAdmin(String configuredPassword) {
        if (store.userByName("root").isPresent()) return Optional.empty();
        String password = configuredPassword != null ? configuredPassword : generatePassword();
        create(new NewUser("root", password, "admin@localhost.invalid", Role.ADMIN, -1L, -1L, "root_channel"));
        return Optional.of(password);
    }

    /**
     * The user these credentials belong to; empty when the username or the password is wrong. Either
     * way bcrypt runs once (an unknown user's password is checked against no hash, which the hasher
     * times like a wrong one), so how long a refusal takes does not tell who has an account here.
     */
    public Optional<User> checkPassword(String username, String password) {
        Optional<User> user = username == null ? Optional.empty() : store.userByName(username.toLowerCase(java.util.Locale.ROOT));
        String hash = user.flatMap(u -> store.passwordHash(u.id())).orElse(null);
        return hasher.matches(password, hash) ? user : Optional.empty();
    }

    /** The refusal of a wrong username or password: the same vague words for both. */
    static Problem invalidCredentials() {
        return new Problem(400, "invalid_grant", "Invalid credentials: username or password is invalid");
    }

    /** The refusal a blocked user gets at login and at token refresh; only said to someone who knows the password. */
    static Problem blocked() {
        return new Problem(400, "access_denied", "User is blocked.");
    }

    public void resetPassword(String username, String password) {
        User u = store.userByName(username).orElseThrow(() -> Problem.notFound("User " + username + " not found"));
        if (!UserRules.validPassword(password)) throw Problem.invalidParam("password", UserRules.PASSWORD_MESSAGE);
        store.setPasswordHash(u.id(), hasher.hash(password));
    }

    public Optional<User> user(long id) { return store.userById(id); }
    public Optional<User> userByName(String name) { return store.userByName(name); }
    public Optional<User> userByEmail(String email) { return store.userByEmail(email); }
    public java.util.List<User> users(UserQuery q) { return store.users(q); }
    public long countUsers(UserQuery q) { return store.countUsers(q); }
    public long countUsers() { return store.countUsers(); }
    public java.util.List<Channel> channelsOf(long accountId) { return store.channelsOfAccount(accountId); }
    public Optional<Channel> channel(long id) { return store.channelById(id); }
    public Optional<Channel> localChannel(String name) { return store.localChannelByName(name); }
    public Optional<Account> localAccount(String name) { return store.localAccountByName(name); }
    public Optional<Account> account(long id) { return store.accountById(id); }
    /** An account of another instance we know of, by `name` and `host[:port]`. */
    public Optional<Account> remoteAccount(String name, String host) { return store.remoteAccountByName(name, host); }
    /** A channel we know by its handle: ours, or another instance's that has reached us. */
    public Optional<Channel> channel(ActorName n) {
        return n.isLocal() ? store.localChannelByName(n.name()) : store.remoteChannelByName(n.name(), n.host());
    }

    /** An account we know by its handle: ours, or another instance's that has reached us. */
    public Optional<Account> account(ActorName n) {
        return n.isLocal() ? store.localAccountByName(n.name()) : store.remoteAccountByName(n.name(), n.host());
    }
    public java.util.List<Channel> searchChannels(String text, int limit) { return store.searchChannels(text, limit); }

    static String generatePassword() {
        SecureRandom r = new SecureRandom();
        String alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 20; i++) sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        return sb.toString();
    }
}
