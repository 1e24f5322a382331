package tandem.account;

import tandem.core.Problem;

import java.time.Clock;
import java.util.List;

/** A user's subscriptions to channels, local or (through {@link RemoteChannels}) of other instances. */
public final class SubscriptionService implements FollowerCounts {
    private final SubscriptionStore store;
    private final AccountService accounts;
    private final Clock clock;
    private final String localHost;
    private final RemoteChannels remote;

    public SubscriptionService(SubscriptionStore store, AccountService accounts, Clock clock, String localHost, RemoteChannels remote) {
        this.remote = remote;
        this.store = store;
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
        store.addIfAbsent(user.accountId(), c.id(), clock.millis());
        if (c.host() != null) remote.subscribed(accounts.account(user.accountId()).orElseThrow(), c);
    }

    public void unsubscribe(User user, String handle) {
        Channel c = channelOf(handle);
        int n = store.delete(user.accountId(), c.id());
        if (n == 0) throw Problem.notFound("Subscription to " + handle + " not found");
        if (c.host() != null) remote.unsubscribed(accounts.account(user.accountId()).orElseThrow(), c);
    }

    public boolean isSubscribed(User user, String handle) {
        try {
            Channel c = channelOf(handle);
            return store.exists(user.accountId(), c.id());
        } catch (Problem e) {
            return false;
        }
    }

    @Override
    public long of(Channel channel) {
        long here = store.countOf(channel.id());
        return here + remote.remoteFollowers(null, channel.id());
    }

    @Override
    public long of(Account account) {
        return remote.remoteFollowers(account.id(), null);
    }

    public List<Channel> subscriptions(User user) {
        List<Long> ids = store.channelIds(user.accountId());
        return ids.stream().map(accounts::channel).flatMap(java.util.Optional::stream).toList();
    }
}
