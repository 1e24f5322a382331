package tandem.account;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tandem.core.WebUrl;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The channel search: our channels by name or display name, or one channel by its handle or URL; a
 * channel of another instance we do not know yet is looked up there (through {@link SubscriptionService})
 * for a signed-in user only (PeerTube's default: remote lookups for users, not for anonymous visitors),
 * within the user's {@link RemoteLookupLimit}.
 */
public final class ChannelSearch {
    private static final Logger log = LoggerFactory.getLogger(ChannelSearch.class);
    static final int LIMIT = 20;
    /**
     * A channel's page or actor URL, `/video-channels/{name}` or PeerTube's short `/c/{name}`, with its
     * videos tab or not; `name` may carry `@host` when an instance shows another's channel.
     */
    private static final Pattern CHANNEL_PATH = Pattern.compile("^/(?:video-channels|c)/([^/]+)(?:/videos)?/?$");

    private final AccountService accounts;
    private final SubscriptionService subscriptions;
    private final RemoteLookupLimit lookups;
    private final String localHost;

    public ChannelSearch(AccountService accounts, SubscriptionService subscriptions, RemoteLookupLimit lookups, String localHost) {
        this.accounts = accounts;
        this.subscriptions = subscriptions;
        this.lookups = lookups;
        this.localHost = localHost;
    }

    /**
     * The channels found for `text` (at most 20). The viewer is asked for only when `text` names
     * another instance's channel, so a stale token fails only the searches that need to know who asks.
     *
     * @throws tandem.core.Problem 429 when this search would look up another instance once too often for the viewer
     */
    public List<Channel> search(String text, Supplier<Optional<User>> viewer) {
        if (WebUrl.looksLike(text)) return byUrl(text, viewer);
        ActorName n = ActorName.parse(text, localHost);
        if (n.isLocal()) return n.name().isEmpty() ? List.of() : accounts.searchChannels(n.name(), LIMIT);
        return byHandle(n, viewer);
    }

    /** PeerTube's search by URL: the one channel the URL names, or none (a URL is no words to match names with). */
    private List<Channel> byUrl(String text, Supplier<Optional<User>> viewer) {
        Optional<WebUrl> url = WebUrl.parse(text);
        Matcher m = CHANNEL_PATH.matcher(url.map(WebUrl::path).orElse(""));
        if (!m.matches()) return List.of();
        String name = m.group(1);
        return byHandle(ActorName.parse(name.contains("@") ? name : name + "@" + url.get().host(), localHost), viewer);
    }

    private List<Channel> byHandle(ActorName n, Supplier<Optional<User>> viewer) {
        if (n.isLocal()) return accounts.channel(n).stream().toList();
        Optional<Channel> known = accounts.channel(n);
        Optional<User> user = viewer.get();
        if (known.isPresent()) return List.of(known.get());
        if (user.isEmpty()) return List.of();
        lookups.acquire(user.get(), "channels");
        try {
            return List.of(subscriptions.channelOf(n.toString()));
        } catch (RuntimeException e) {
            // Not a channel there, or unreachable: the answer is simply empty, as PeerTube's.
            log.debug("remote channel lookup of {} found nothing: {}", n, e.getMessage());
            return List.of();
        }
    }
}
