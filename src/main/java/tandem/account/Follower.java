package tandem.account;

/**
 * One follow of a channel or an account, as PeerTube lists them (`ActorFollow`, always accepted):
 * a user's subscription here, or an actor of another instance that follows. `id` is the federation
 * follow's; a subscription has none.
 */
public record Follower(Long id, Party follower, Party following, long createdAt) {
    /**
     * One side of a follow: an actor's name, its host (null: ours, as {@link Account#host()}) and
     * its URL (null for ours, whose addresses the API knows), and whether it is a channel.
     */
    public record Party(String name, String host, String url, boolean channel) {}
}
