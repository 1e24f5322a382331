package tandem.video;

import tandem.account.Account;
import tandem.account.Channel;

/** A playlist: privacy 1 public, 2 unlisted, 3 private (PeerTube's ids); `channel` may be null. */
public record Playlist(long id, String uuid, String displayName, String description, int privacy, Account owner,
                       Channel channel, long createdAt, long updatedAt, int videosLength) {
    public static final int PUBLIC = 1;
    public static final int PRIVATE = 3;
}
