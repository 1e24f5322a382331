package tandem.account;

import tandem.core.Problem;
import tandem.db.Transactions;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A user's channels: they create more than their first one, and delete one as long as it is not
 * their last and holds no video. Its owner (or an admin or moderator) edits its public profile, with
 * PeerTube's limits: name as PeerTube's (1 to 50 of letters, digits, `-_.:`), display name 1 to 50
 * characters, description and support text up to 1,000 (empty clears them). Followers on other
 * instances hear of edits and of the deletion through {@link AccountEvents}.
 */
public final class ChannelEditing {
    /** The fields a request may change; null leaves one as it is. */
    public record Changes(String displayName, String description, String support) {}

    private final Transactions transactions;
    private final AccountStore store;
    private final AccountEvents events;
    private final java.time.Clock clock;
    private final ActorImageRemoval images;

    public ChannelEditing(Transactions transactions, AccountStore store, AccountEvents events, java.time.Clock clock, ActorImageRemoval images) {
        this.images = images;
        this.clock = clock;
        this.transactions = transactions;
        this.store = store;
        this.events = events;
    }

    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("^[a-zA-Z0-9\\-_.:]{1,50}$");

    /** PeerTube's `POST /video-channels`: a new channel of the user's account. */
    public Channel create(User user, String name, Changes changes) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (name == null || !NAME.matcher(name).matches()) errors.put("name", "Should have a valid channel name (1 to 50 letters, digits, -, _, . or :)");
        if (changes.displayName() == null) errors.put("displayName", "Should have a display name");
        String displayName = ProfileFields.displayName(changes.displayName(), "", 50, errors);
        String description = ProfileFields.text(changes.description(), null, "description", errors);
        String support = ProfileFields.text(changes.support(), null, "support", errors);
        if (!errors.isEmpty()) throw Problem.invalidParams(errors);
        if (name.equals(user.username())) throw Problem.conflict("The channel name must differ from the username");
        long id = transactions.inTransaction(h -> {
            if (store.actorNameTaken(h, name)) {
                throw Problem.conflict("Another actor (account/channel) with name " + name + " on this instance already exists or has already existed.");
            }
            long created = store.insertChannel(h, user.accountId(), name, displayName, clock.millis());
            store.updateChannel(h, created, displayName, description, support);
            return created;
        });
        return store.channelById(id).orElseThrow();
    }

    /** Deletes a channel of the user's (an admin's or moderator's too), never the account's last, nor one that still holds videos. */
    public void delete(User user, String name) {
        Channel c = store.localChannelByName(name).orElseThrow(() -> Problem.notFound("Video channel " + name + " not found"));
        if (c.account().id() != user.accountId() && !user.role().canManageVideos()) {
            throw Problem.forbidden("Cannot manage video channel of another user");
        }
        Runnable removeFiles = transactions.inTransaction(h -> {
            if (store.channelCount(h, c.account().id()) <= 1) throw Problem.conflict("Cannot remove the last channel of this user");
            if (store.channelHasVideos(h, c.id())) throw Problem.conflict("This channel still has videos: delete them first");
            Runnable pictures = images.forget(h, List.of(ImageOwner.channel(c.id())));
            events.channelDeleting(h, c.id());
            store.deleteChannel(h, c.id());
            return pictures;
        });
        removeFiles.run();
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
