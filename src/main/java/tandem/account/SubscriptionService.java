package tandem.account;

import org.jdbi.v3.core.Jdbi;
import tandem.core.Problem;

import java.time.Clock;
import java.util.List;

/** A user's subscriptions to channels, local or (through {@link RemoteChannels}) of other instances. */
public final class SubscriptionService implements FollowerCounts {
    private final Jdbi jdbi;
    private final AccountService accounts;
    private final Clock clock;
    private final String localHost;
    private final RemoteChannels remote;

    public SubscriptionService(Jdbi jdbi, AccountService accounts, Clock clock, String localHost, RemoteChannels remote) {
        this.remote = remote;
        this.jdbi = jdbi;
        this.accounts = accounts;
        this.clock = clock;
        this.localHost = localHost;
    }

    /** Resolves a handle to a channel: ours, or another instance's, fetched when we do not know it yet. */
    public Channel channelOf(String handle) {
        if (handle == null || handle.isBlank()) throw Problem.invalidParam("uri", "Should have a valid channel handle");
        ActorName n = ActorName.parse(handle, localHost);
        if (!n.isLocal()) return remote.find(n.name(), n.host());
        return accounts.channel(n).orElseThrow(() -> Problem.notFound("Video channel " + n.name() + " not found"));
    }

    public void subscribe(User user, String handle) {
        Channel c = channelOf(handle);
        jdbi.useTransaction(h -> {
            boolean exists = h.createQuery("SELECT COUNT(*) FROM subscriptions WHERE account_id = :a AND channel_id = :c")
                    .bind("a", user.accountId()).bind("c", c.id()).mapTo(Long.class).one() > 0;
            if (!exists) {
                h.createUpdate("INSERT INTO subscriptions (account_id, channel_id, created_at) VALUES (:a, :c, :now)")
                        .bind("a", user.accountId()).bind("c", c.id()).bind("now", clock.millis()).execute();
            }
        });
        if (c.host() != null) remote.subscribed(accounts.account(user.accountId()).orElseThrow(), c);
    }

    public void unsubscribe(User user, String handle) {
        Channel c = channelOf(handle);
        int n = jdbi.withHandle(h -> h.createUpdate("DELETE FROM subscriptions WHERE account_id = :a AND channel_id = :c")
                .bind("a", user.accountId()).bind("c", c.id()).execute());
        if (n == 0) throw Problem.notFound("Subscription to " + handle + " not found");
        if (c.host() != null) remote.unsubscribed(accounts.account(user.accountId()).orElseThrow(), c);
    }

    public boolean isSubscribed(User user, String handle) {
        try {
            Channel c = channelOf(handle);
            return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM subscriptions WHERE account_id = :a AND channel_id = :c")
                    .bind("a", user.accountId()).bind("c", c.id()).mapTo(Long.class).one()) > 0;
        } catch (Problem e) {
            return false;
        }
    }

    @Override
    public long of(Channel channel) {
        long here = jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM subscriptions WHERE channel_id = :c")
                .bind("c", channel.id()).mapTo(Long.class).one());
        return here + remote.remoteFollowers(null, channel.id());
    }

    @Override
    public long of(Account account) {
        return remote.remoteFollowers(account.id(), null);
    }

    public List<Channel> subscriptions(User user) {
        List<Long> ids = jdbi.withHandle(h -> h.createQuery("SELECT channel_id FROM subscriptions WHERE account_id = :a ORDER BY created_at DESC")
                .bind("a", user.accountId()).mapTo(Long.class).list());
        return ids.stream().map(accounts::channel).flatMap(java.util.Optional::stream).toList();
    }
}
