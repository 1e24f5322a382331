package tandem.account;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.util.List;

/** SQL for local accounts' subscriptions to channels. */
public final class SubscriptionStore {
    private final Jdbi jdbi;

    public SubscriptionStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Subscribes an account to a channel unless it already is, in one transaction. */
    public void addIfAbsent(long accountId, long channelId, long now) {
        jdbi.useTransaction(h -> {
            if (!exists(h, accountId, channelId)) {
                h.createUpdate("INSERT INTO subscriptions (account_id, channel_id, created_at) VALUES (:a, :c, :now)")
                        .bind("a", accountId).bind("c", channelId).bind("now", now).execute();
            }
        });
    }

    /** Ends a subscription; returns how many there were (0 or 1). */
    public int delete(long accountId, long channelId) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM subscriptions WHERE account_id = :a AND channel_id = :c")
                .bind("a", accountId).bind("c", channelId).execute());
    }

    public boolean exists(long accountId, long channelId) {
        return jdbi.withHandle(h -> exists(h, accountId, channelId));
    }

    private static boolean exists(Handle h, long accountId, long channelId) {
        return h.createQuery("SELECT COUNT(*) FROM subscriptions WHERE account_id = :a AND channel_id = :c")
                .bind("a", accountId).bind("c", channelId).mapTo(Long.class).one() > 0;
    }

    /** How many local accounts subscribe to a channel. */
    public long countOf(long channelId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM subscriptions WHERE channel_id = :c")
                .bind("c", channelId).mapTo(Long.class).one());
    }

    /** The channels an account subscribes to, latest first. */
    public List<Long> channelIds(long accountId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT channel_id FROM subscriptions WHERE account_id = :a ORDER BY created_at DESC")
                .bind("a", accountId).mapTo(Long.class).list());
    }
}
