package tandem.video.moderation;

import tandem.account.User;
import tandem.core.Problem;
import tandem.db.Transactions;
import tandem.video.Notifications;

import java.time.Clock;
import java.util.List;

/**
 * The conversation about one report (PeerTube's abuse messages): its reporter and the moderators read
 * and write it, nobody else. Only a report filed by a user of this instance has one, since a remote
 * reporter could never read the answers. The other side hears of each new message (a moderator's goes
 * to the reporter, the reporter's to every moderator but its author); a message goes when its author
 * or a moderator deletes it.
 */
public final class AbuseMessages {
    private final Transactions transactions;
    private final AbuseStore abuses;
    private final AbuseMessageStore store;
    private final Notifications notifications;
    private final Clock clock;

    public AbuseMessages(Transactions transactions, AbuseStore abuses, AbuseMessageStore store, Notifications notifications, Clock clock) {
        this.transactions = transactions;
        this.abuses = abuses;
        this.store = store;
        this.notifications = notifications;
        this.clock = clock;
    }

    public List<AbuseMessage> list(User user, long abuseId) {
        conversation(user, abuseId);
        return store.list(abuseId);
    }

    /** Adds a message of `user`'s; returns its id. */
    public long add(User user, long abuseId, String message) {
        Abuse a = conversation(user, abuseId);
        if (message == null || message.trim().length() < AbuseMessage.MIN_LENGTH || message.length() > AbuseMessage.MAX_LENGTH) {
            throw Problem.invalidParam("message", "Should have a message of " + AbuseMessage.MIN_LENGTH + " to " + AbuseMessage.MAX_LENGTH + " characters");
        }
        // As PeerTube decides it: whoever writes and is not the reporter writes as a moderator.
        boolean byModerator = a.reporter().id() != user.accountId();
        return transactions.inTransaction(h -> {
            long id = store.insert(h, abuseId, user.accountId(), message, byModerator, clock.millis());
            notifications.abuseMessage(h, abuseId, user.accountId(), byModerator ? a.reporter().userId() : null);
            return id;
        });
    }

    public void delete(User user, long abuseId, long messageId) {
        conversation(user, abuseId);
        AbuseMessage m = store.byId(abuseId, messageId).orElseThrow(() -> Problem.notFound("Abuse message not found"));
        boolean author = m.authorAccountId() != null && m.authorAccountId() == user.accountId();
        if (!author && !user.role().canManageVideos()) throw Problem.forbidden("Cannot delete this abuse message");
        store.delete(abuseId, messageId);
    }

    /** The report, when `user` may take part in its conversation: 404 without it, 403 for a third user, 400 for a remote reporter's. */
    private Abuse conversation(User user, long abuseId) {
        Abuse a = abuses.byId(abuseId).orElseThrow(() -> Problem.notFound("Abuse " + abuseId + " not found"));
        boolean reporter = a.reporter() != null && a.reporter().id() == user.accountId();
        if (!reporter && !user.role().canManageVideos()) throw Problem.forbidden("User " + user.username() + " cannot access abuse " + abuseId);
        if (a.reporter() == null || a.reporter().host() != null) {
            throw Problem.badRequest("This abuse was reported from another instance: it has no conversation here");
        }
        return a;
    }
}
