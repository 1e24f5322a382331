package tandem.account;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import tandem.core.Problem;

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

    private final Jdbi jdbi;
    private final AccountService accounts;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public OAuthService(Jdbi jdbi, AccountService accounts, Clock clock) {
        this.jdbi = jdbi;
        this.accounts = accounts;
        this.clock = clock;
    }

    /** Returns the local client, creating it on first use. */
    public OAuthClient localClient() {
        return jdbi.inTransaction(h -> h.createQuery("SELECT client_id, client_secret FROM oauth_clients ORDER BY id LIMIT 1")
                .map((rs, ctx) -> new OAuthClient(rs.getString(1), rs.getString(2))).findOne()
                .orElseGet(() -> {
                    OAuthClient c = new OAuthClient(randomHex(16), randomHex(16));
                    h.createUpdate("INSERT INTO oauth_clients (client_id, client_secret) VALUES (:i, :s)")
                            .bind("i", c.clientId()).bind("s", c.clientSecret()).execute();
                    return c;
                }));
    }

    public TokenPair passwordGrant(String clientId, String clientSecret, String username, String password) {
        checkClient(clientId, clientSecret);
        User user = accounts.authenticate(username, password);
        return issue(user.id());
    }

    /** Exchanges a refresh token; the old pair is revoked. */
    public TokenPair refreshGrant(String clientId, String clientSecret, String refreshToken) {
        checkClient(clientId, clientSecret);
        if (refreshToken == null) throw new Problem(400, "invalid_grant", "Invalid grant: refresh token is invalid");
        long now = clock.millis();
        Optional<Long> userId = jdbi.inTransaction(h -> {
            Optional<Long> uid = h.createQuery("SELECT user_id FROM oauth_tokens WHERE refresh_hash = :r AND refresh_expires_at > :now")
                    .bind("r", sha256(refreshToken)).bind("now", now).mapTo(Long.class).findOne();
            uid.ifPresent(x -> h.createUpdate("DELETE FROM oauth_tokens WHERE refresh_hash = :r").bind("r", sha256(refreshToken)).execute());
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
        Optional<Long> userId = jdbi.withHandle(h -> h.createQuery("SELECT user_id FROM oauth_tokens WHERE access_hash = :a AND access_expires_at > :now")
                .bind("a", sha256(accessToken)).bind("now", clock.millis()).mapTo(Long.class).findOne());
        return userId.flatMap(accounts::user).filter(u -> !u.blocked());
    }

    public void revoke(String accessToken) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM oauth_tokens WHERE access_hash = :a").bind("a", sha256(accessToken)).execute());
    }

    /** Ends every session of a user but the one holding `accessToken` (the user's own new password), in the caller's transaction. */
    public void revokeOthers(Handle h, long userId, String accessToken) {
        h.createUpdate("DELETE FROM oauth_tokens WHERE user_id = :u AND access_hash <> :a")
                .bind("u", userId).bind("a", sha256(accessToken)).execute();
    }

    /** Ends every session of a user (blocked, or a new password), in the caller's transaction. */
    public void revokeAll(Handle h, long userId) {
        h.createUpdate("DELETE FROM oauth_tokens WHERE user_id = :u").bind("u", userId).execute();
    }

    private TokenPair issue(long userId) {
        String access = randomHex(32);
        String refresh = randomHex(32);
        long now = clock.millis();
        jdbi.useHandle(h -> h.createUpdate("""
                INSERT INTO oauth_tokens (user_id, access_hash, refresh_hash, access_expires_at, refresh_expires_at, created_at)
                VALUES (:u, :a, :r, :ae, :re, :now)""")
                .bind("u", userId).bind("a", sha256(access)).bind("r", sha256(refresh))
                .bind("ae", now + ACCESS_LIFETIME.toMillis()).bind("re", now + REFRESH_LIFETIME.toMillis()).bind("now", now).execute());
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

    private String randomHex(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
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
