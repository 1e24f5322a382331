package tandem.account;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.util.Optional;

/** SQL for the OAuth client and the tokens, which are kept only as hashes. */
public final class OAuthStore {
    private final Jdbi jdbi;

    public OAuthStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** The first client recorded, in the caller's transaction. */
    public Optional<OAuthClient> firstClient(Handle h) {
        return h.createQuery("SELECT client_id, client_secret FROM oauth_clients ORDER BY id LIMIT 1")
                .map((rs, ctx) -> new OAuthClient(rs.getString(1), rs.getString(2))).findOne();
    }

    public void insertClient(Handle h, OAuthClient c) {
        h.createUpdate("INSERT INTO oauth_clients (client_id, client_secret) VALUES (:i, :s)")
                .bind("i", c.clientId()).bind("s", c.clientSecret()).execute();
    }

    public void insertTokens(long userId, String accessHash, String refreshHash, long accessExpiresAt, long refreshExpiresAt, long now) {
        jdbi.useHandle(h -> h.createUpdate("""
                INSERT INTO oauth_tokens (user_id, access_hash, refresh_hash, access_expires_at, refresh_expires_at, created_at)
                VALUES (:u, :a, :r, :ae, :re, :now)""")
                .bind("u", userId).bind("a", accessHash).bind("r", refreshHash)
                .bind("ae", accessExpiresAt).bind("re", refreshExpiresAt).bind("now", now).execute());
    }

    /** The user of an unexpired refresh token, in the caller's transaction. */
    public Optional<Long> userOfRefresh(Handle h, String refreshHash, long now) {
        return h.createQuery("SELECT user_id FROM oauth_tokens WHERE refresh_hash = :r AND refresh_expires_at > :now")
                .bind("r", refreshHash).bind("now", now).mapTo(Long.class).findOne();
    }

    public void deleteByRefresh(Handle h, String refreshHash) {
        h.createUpdate("DELETE FROM oauth_tokens WHERE refresh_hash = :r").bind("r", refreshHash).execute();
    }

    /** The user of an unexpired access token. */
    public Optional<Long> userOfAccess(String accessHash, long now) {
        return jdbi.withHandle(h -> h.createQuery("SELECT user_id FROM oauth_tokens WHERE access_hash = :a AND access_expires_at > :now")
                .bind("a", accessHash).bind("now", now).mapTo(Long.class).findOne());
    }

    public void deleteByAccess(String accessHash) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM oauth_tokens WHERE access_hash = :a").bind("a", accessHash).execute());
    }

    /** Deletes a user's tokens but the pair holding `keptAccessHash`, in the caller's transaction. */
    public void deleteAllOfBut(Handle h, long userId, String keptAccessHash) {
        h.createUpdate("DELETE FROM oauth_tokens WHERE user_id = :u AND access_hash <> :a")
                .bind("u", userId).bind("a", keptAccessHash).execute();
    }

    /** Deletes every token of a user, in the caller's transaction. */
    public void deleteAllOf(Handle h, long userId) {
        h.createUpdate("DELETE FROM oauth_tokens WHERE user_id = :u").bind("u", userId).execute();
    }
}
