package tandem.account;

import tandem.core.Page;
import tandem.core.PageRequest;
import tandem.core.Problem;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

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
        Channel c = subscription(user, handle).orElseThrow(() -> Problem.notFound("Subscription to " + handle + " not found"));
        if (store.delete(user.accountId(), c.id()) == 0) throw Problem.notFound("Subscription to " + handle + " not found");
        if (c.host() != null) remote.unsubscribed(accounts.account(user.accountId()).orElseThrow(), c);
    }

    /**
     * The channel of this handle when the user subscribes to it. Answered from what we store, as
     * PeerTube does: a channel we do not know is not subscribed to, and no other instance is asked.
     */
    public Optional<Channel> subscription(User user, String handle) {
        if (handle == null || handle.isBlank()) return Optional.empty();
        return accounts.channel(ActorName.parse(handle, localHost)).filter(c -> store.exists(user.accountId(), c.id()));
    }

    public boolean isSubscribed(User user, String handle) {
        return subscription(user, handle).isPresent();
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
        return ids.stream().map(accounts::channel).flatMap(Optional::stream).toList();
    }

    /**
     * Who follows a channel (PeerTube's `/video-channels/{handle}/followers`): our users'
     * subscriptions and other instances' actors. Its owner's, or a moderator's, to see.
     */
    public Page<Follower> followers(User user, Channel channel, PageRequest page, String search) {
        if (channel.account().id() != user.accountId() && !user.role().canManageVideos()) {
            throw Problem.forbidden("Only the owner of this channel, or a moderator, can list its followers");
        }
        return followers(null, List.of(channel.id()), page, search);
    }

    /** Who follows an account or any of its channels (`/accounts/{name}/followers`), for its owner alone, as in PeerTube. */
    public Page<Follower> followers(User user, Account account, PageRequest page, String search) {
        if (account.id() != user.accountId()) throw Problem.forbidden("Only the owner of this account can list its followers");
        return followers(account.id(), accounts.channelsOf(account.id()).stream().map(Channel::id).toList(), page, search);
    }

    /** Both sources in one order: each gives its first start+count, so the merged page is exact. */
    private Page<Follower> followers(Long accountId, List<Long> channelIds, PageRequest page, String search) {
        String text = search == null || search.isBlank() ? null : search;
        int limit = (int) Math.min(Integer.MAX_VALUE, (long) page.start() + page.count());
        Page<Follower> here = store.subscribers(channelIds, text, page.descending(), limit);
        Page<Follower> there = remote.listRemoteFollowers(accountId, channelIds, text, page.descending(), limit);
        Comparator<Follower> byDate = Comparator.comparingLong(Follower::createdAt);
        List<Follower> data = Stream.concat(here.data().stream(), there.data().stream())
                .sorted(page.descending() ? byDate.reversed() : byDate).skip(page.start()).limit(page.count()).toList();
        return new Page<>(here.total() + there.total(), data);
    }
}
