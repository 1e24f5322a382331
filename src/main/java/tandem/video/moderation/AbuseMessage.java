package tandem.video.moderation;

import tandem.account.Account;

/**
 * One message about a report (PeerTube's AbuseMessage): written by the reporter or by a moderator
 * (`byModerator`); `author` is null once the author's account is gone, `authorAccountId` with it.
 */
public record AbuseMessage(long id, long abuseId, Long authorAccountId, Account author, String message, boolean byModerator, long createdAt) {
    public static final int MIN_LENGTH = 2;
    public static final int MAX_LENGTH = 3000;
}
