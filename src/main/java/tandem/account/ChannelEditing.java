package tandem.account;

import tandem.core.Problem;
import tandem.db.Transactions;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A channel's owner (or an admin or moderator) edits its public profile, with PeerTube's limits:
 * display name 1 to 50 characters, description and support text up to 1,000 (empty clears them).
 * Followers on other instances hear of it through {@link AccountEvents}.
 */
public final class ChannelEditing {
    /** The fields a request may change; null leaves one as it is. */
    public record Changes(String displayName, String description, String support) {}

    private final Transactions transactions;
    private final AccountStore store;
    private final AccountEvents events;

    public ChannelEditing(Transactions transactions, AccountStore store, AccountEvents events) {
        this.transactions = transactions;
        this.store = store;
        this.events = events;
    }

    public Channel update(User user, String name, Changes changes) {
        Channel c = store.localChannelByName(name).orElseThrow(() -> Problem.notFound("Video channel " + name + " not found"));
        if (c.account().id() != user.accountId() && !user.role().canManageVideos()) {
            throw Problem.forbidden("Cannot manage video channel of another user");
        }
        Map<String, String> errors = new LinkedHashMap<>();
        String displayName = ProfileFields.displayName(changes.displayName(), c.displayName(), 50, errors);
        String description = ProfileFields.text(changes.description(), c.description(), "description", errors);
        String support = ProfileFields.text(changes.support(), c.support(), "support", errors);
        if (!errors.isEmpty()) throw Problem.invalidParams(errors);
        transactions.useTransaction(h -> {
            store.updateChannel(h, c.id(), displayName, description, support);
            events.channelUpdated(h, c.id());
        });
        return store.channelById(c.id()).orElseThrow();
    }
}
