package tandem.account;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tandem.core.SlidingWindowLimiter;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The channel search: our channels by name or display name, or one channel by its handle; a handle of
 * another instance we do not know yet is looked up there (through {@link SubscriptionService}) for a
 * signed-in user only (PeerTube's default: remote lookups for users, not for anonymous visitors), and at
 * most 30 times per user in 10 minutes: each lookup costs other servers
 * requests and us stored rows.
 */
public final class ChannelSearch {
    private static final Logger log = LoggerFactory.getLogger(ChannelSearch.class);
    static final int LIMIT = 20;
    static final int REMOTE_LOOKUPS_PER_WINDOW = 30;
    static final Duration REMOTE_LOOKUP_WINDOW = Duration.ofMinutes(10);

    private final AccountService accounts;
    private final SubscriptionService subscriptions;
    private final SlidingWindowLimiter remoteLookups;
    private final String localHost;

    public ChannelSearch(AccountService accounts, SubscriptionService subscriptions, Clock clock, String localHost) {
        this.accounts = accounts;
        this.subscriptions = subscriptions;
        this.remoteLookups = new SlidingWindowLimiter(REMOTE_LOOKUPS_PER_WINDOW, REMOTE_LOOKUP_WINDOW, clock);
        this.localHost = localHost;
    }

    /** A user who has used up their remote lookups for now; they may try again after {@link #retryAfterSeconds()}. */
    public static final class TooManyLookups extends RuntimeException {
        private final long retryAfterSeconds;

        TooManyLookups(long retryAfterSeconds) {
            super("Too many lookups of other instances' channels");
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public long retryAfterSeconds() { return retryAfterSeconds; }
    }

    /**
     * The channels found for `text` (at most 20). The viewer is asked for only when `text` is
     * another instance's handle, so a stale token fails only the searches that need to know who asks.
     *
     * @throws TooManyLookups when this search would look up another instance once too often for the viewer
     */
    public List<Channel> search(String text, Supplier<Optional<User>> viewer) {
        ActorName n = ActorName.parse(text, localHost);
        if (n.isLocal()) return n.name().isEmpty() ? List.of() : accounts.searchChannels(n.name(), LIMIT);
        Optional<Channel> known = accounts.channel(n);
        Optional<User> user = viewer.get();
        if (known.isPresent()) return List.of(known.get());
        if (user.isEmpty()) return List.of();
        String key = "remote-lookup:" + user.get().id();
        if (!remoteLookups.tryAcquire(key)) throw new TooManyLookups(remoteLookups.retryAfterSeconds(key));
        try {
            return List.of(subscriptions.channelOf(n.toString()));
        } catch (RuntimeException e) {
            // Not a channel there, or unreachable: the answer is simply empty, as PeerTube's.
            log.debug("remote channel lookup of {} found nothing: {}", n, e.getMessage());
            return List.of();
        }
    }
}
