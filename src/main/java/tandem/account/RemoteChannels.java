package tandem.account;

import tandem.core.Page;

import java.util.List;

/**
 * Channels of other instances, for subscriptions: federation finds them by handle and tells them
 * when a local account subscribes or leaves. `app` wires the implementation; `account` never knows
 * the protocol behind it.
 */
public interface RemoteChannels {
    /** The channel `name` of instance `host`, fetched when we do not know it yet. */
    Channel find(String name, String host);

    void subscribed(Account subscriber, Channel channel);

    void unsubscribed(Account subscriber, Channel channel);

    /** How many actors of other instances follow this channel or account (with its id; one of them null). */
    long remoteFollowers(Long accountId, Long channelId);

    /**
     * The actors of other instances that follow (accepted) this account (when not null) or one of
     * these channels, whose name or host contains `search` (when given): how many, and the first
     * `limit` by follow date.
     */
    Page<Follower> listRemoteFollowers(Long accountId, List<Long> channelIds, String search, boolean newestFirst, int limit);

    /** No federation: remote channels cannot be found. */
    RemoteChannels NONE = new RemoteChannels() {
        public Channel find(String name, String host) {
            throw tandem.core.Problem.notFound("Remote channels cannot be followed here: " + name + "@" + host);
        }
        public void subscribed(Account subscriber, Channel channel) {}
        public void unsubscribed(Account subscriber, Channel channel) {}
        public long remoteFollowers(Long accountId, Long channelId) { return 0; }
        public Page<Follower> listRemoteFollowers(Long accountId, List<Long> channelIds, String search, boolean newestFirst, int limit) {
            return new Page<>(0, List.of());
        }
    };
}
