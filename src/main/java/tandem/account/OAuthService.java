package tandem.account;

import org.jdbi.v3.core.Handle;
import tandem.core.Problem;
import tandem.db.Transactions;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

/** PeerTube-compatible OAuth2: the local client, password and refresh grants, bearer validation. */
public final class OAuthService {
    static final Duration ACCESS_LIFETIME = Duration.ofDays(1);
    static final Duration REFRESH_LIFETIME = Duration.ofDays(14);

    private final java.util.function.BooleanSupplier emailVerificationRequired;
    private final Transactions transactions;
    private final OAuthStore store;
    private final AccountService accounts;
    private final LoginThrottle throttle;
    private final Clock clock;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** {@code emailVerificationRequired}: whether a user whose address waits for verification is kept out (the administrator's setting). */
    public OAuthService(Transactions transactions, OAuthStore store, AccountService accounts, LoginThrottle throttle, Clock clock,
                        java.util.function.BooleanSupplier emailVerificationRequired) {
        this.emailVerificationRequired = emailVerificationRequired;
        this.transactions = transactions;
        this.store = store;
        this.accounts = accounts;
        this.throttle = throttle;
        this.clock = clock;
    }

    /** Returns the local client, creating it on first use. */
    public OAuthClient localClient() {
        return transactions.inTransaction(h -> store.firstClient(h)
                .orElseGet(() -> {
                    OAuthClient c = new OAuthClient(randomHex(16), randomHex(16));
                    store.insertClient(h, c);
                    return c;
                }));
    }

    /** Logs in from `client` (the address failed logins are counted against, with the account). */
    public TokenPair passwordGrant(String clientId, String clientSecret, String username, String password, InetAddress client) {
        checkClient(clientId, clientSecret);
        throttle.begin(client, username);
        User user = accounts.checkPassword(username, password).orElseThrow(AccountService::invalidCredentials);
        throttle.succeeded(client, username);
        if (user.blocked()) throw AccountService.blocked();
        // PeerTube's refusal; null (never asked) passes, so turning the setting on does not lock out existing users.
        if (emailVerificationRequired.getAsBoolean() && Boolean.FALSE.equals(user.emailVerified())) {
            throw new Problem(400, "access_denied", "User email is not verified.");
        }
        return issue(user.id());
    }

    /** Exchanges a refresh token; the old pair is revoked. */
    public TokenPair refreshGrant(String clientId, String clientSecret, String refreshToken) {
        checkClient(clientId, clientSecret);
        if (refreshToken == null) throw new Problem(400, "invalid_grant", "Invalid grant: refresh token is invalid");
        long now = clock.millis();
        // A refresh token works once: it is found and deleted in one transaction.
        Optional<Long> userId = transactions.inTransaction(h -> {
            Optional<Long> uid = store.userOfRefresh(h, sha256(refreshToken), now);
            uid.ifPresent(x -> store.deleteByRefresh(h, sha256(refreshToken)));
            return uid;
        });
        User user = userId.flatMap(accounts::user)
                .orElseThrow(() -> new Problem(400, "invalid_grant", "Invalid grant: refresh token is invalid"));
        if (user.blocked()) throw AccountService.blocked();
        return issue(user.id());
    }

    /** The user a bearer token belongs to, if the token is valid and unexpired. */
    public Optional<User> authenticate(String accessToken) {
        if (accessToken == null || accessToken.isBlank()) return Optional.empty();
        Optional<Long> userId = store.userOfAccess(sha256(accessToken), clock.millis());
        return userId.flatMap(accounts::user).filter(u -> !u.blocked());
    }

    public void revoke(String accessToken) {
        store.deleteByAccess(sha256(accessToken));
    }

    /** Ends every session of a user but the one holding `accessToken` (the user's own new password), in the caller's transaction. */
    public void revokeOthers(Handle h, long userId, String accessToken) {
        store.deleteAllOfBut(h, userId, sha256(accessToken));
    }

    /** Ends every session of a user (blocked, or a new password), in the caller's transaction. */
    public void revokeAll(Handle h, long userId) {
        store.deleteAllOf(h, userId);
    }

    private TokenPair issue(long userId) {
        String access = randomHex(32);
        String refresh = randomHex(32);
        long now = clock.millis();
        store.insertTokens(userId, sha256(access), sha256(refresh), now + ACCESS_LIFETIME.toMillis(), now + REFRESH_LIFETIME.toMillis(), now);
        return new TokenPair(access, refresh, ACCESS_LIFETIME.toSeconds(), REFRESH_LIFETIME.toSeconds());
    }

    private void checkClient(String clientId, String clientSecret) {
        OAuthClient c = localClient();
        if (!c.clientId().equals(clientId) || !MessageDigest.isEqual(bytes(c.clientSecret()), bytes(clientSecret))) {
            throw new Problem(400, "invalid_client", "Invalid client: client is invalid");
        }
    }

    private static byte[] bytes(String s) {
        return s == null ? new byte[0] : s.getBytes(StandardCharsets.UTF_8);
    }

    static String randomHex(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
