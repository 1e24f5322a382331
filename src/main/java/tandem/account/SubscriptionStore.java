package tandem.account;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import tandem.core.Page;
import tandem.db.Sql;

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

    /**
     * The local subscribers of these channels whose name contains `search` (when given): how many,
     * and the first `limit` by subscription date.
     */
    public Page<Follower> subscribers(List<Long> channelIds, String search, boolean newestFirst, int limit) {
        if (channelIds.isEmpty()) return new Page<>(0, List.of());
        String from = """
                FROM subscriptions s JOIN accounts a ON a.id = s.account_id JOIN channels c ON c.id = s.channel_id
                WHERE s.channel_id IN (<channels>)""" + (search == null ? "" : " AND LOWER(a.name) LIKE :search" + Sql.LIKE_ESCAPE);
        return jdbi.withHandle(h -> {
            var count = h.createQuery("SELECT COUNT(*) " + from).bindList("channels", channelIds);
            var rows = h.createQuery("SELECT a.name AS follower, c.name AS channel, c.host AS host, s.created_at AS created " + from
                            + " ORDER BY s.created_at " + (newestFirst ? "DESC" : "ASC") + " LIMIT :limit")
                    .bindList("channels", channelIds).bind("limit", limit);
            if (search != null) {
                count.bind("search", Sql.likeContains(search));
                rows.bind("search", Sql.likeContains(search));
            }
            return new Page<>(count.mapTo(Long.class).one(), rows.map((rs, ctx) -> new Follower(null,
                    new Follower.Party(rs.getString("follower"), null, null, false),
                    new Follower.Party(rs.getString("channel"), rs.getString("host"), null, true), rs.getLong("created"))).list());
        });
    }
}
