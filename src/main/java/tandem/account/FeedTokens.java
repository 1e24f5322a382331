package tandem.account;

import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/**
 * PeerTube's feed token (`GET /users/scoped-tokens`): a secret that lets a feed reader fetch one
 * user's subscriptions feed without logging in; renewing it makes the old URL stop working.
 */
public final class FeedTokens {
    private final Jdbi jdbi;
    private final Clock clock;

    public FeedTokens(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** The user's token, made on first ask. */
    public String of(User user) {
        return jdbi.inTransaction(h -> h.createQuery("SELECT token FROM user_feed_tokens WHERE user_id = :u").bind("u", user.id())
                .mapTo(String.class).findOne().orElseGet(() -> {
                    String token = UUID.randomUUID().toString();
                    h.createUpdate("INSERT INTO user_feed_tokens (user_id, token, created_at) VALUES (:u, :t, :now)")
                            .bind("u", user.id()).bind("t", token).bind("now", clock.millis()).execute();
                    return token;
                }));
    }

    /** A new token; the previous one no longer opens the feed. */
    public String renew(User user) {
        String token = UUID.randomUUID().toString();
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM user_feed_tokens WHERE user_id = :u").bind("u", user.id()).execute();
            h.createUpdate("INSERT INTO user_feed_tokens (user_id, token, created_at) VALUES (:u, :t, :now)")
                    .bind("u", user.id()).bind("t", token).bind("now", clock.millis()).execute();
        });
        return token;
    }

    /** Whether `token` is the feed token of the user owning this local account. */
    public boolean opens(long accountId, String token) {
        if (token == null || token.isBlank()) return false;
        Optional<String> stored = jdbi.withHandle(h -> h.createQuery("""
                SELECT t.token FROM user_feed_tokens t JOIN accounts a ON a.user_id = t.user_id WHERE a.id = :a AND a.host IS NULL""")
                .bind("a", accountId).mapTo(String.class).findOne());
        return stored.isPresent() && java.security.MessageDigest.isEqual(stored.get().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                token.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
