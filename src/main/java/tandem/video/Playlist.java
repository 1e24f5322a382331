package tandem.video;

import tandem.account.Account;
import tandem.account.Channel;

/**
 * A playlist: privacy 1 public, 2 unlisted, 3 private (PeerTube's ids); `channel` may be null;
 * `type` 1 regular or 2 the account's "Watch later".
 */
public record Playlist(long id, String uuid, String displayName, String description, int privacy, Account owner,
                       Channel channel, long createdAt, long updatedAt, int videosLength, int type) {
    public static final int PUBLIC = 1;
    public static final int PRIVATE = 3;
    public static final int REGULAR = 1;
    public static final int WATCH_LATER = 2;
}
