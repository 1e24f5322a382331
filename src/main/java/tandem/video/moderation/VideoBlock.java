package tandem.video.moderation;

/** A blocked video (PeerTube's VideoBlacklist): why, whether its federation was withdrawn, since when. */
public record VideoBlock(long videoId, String reason, boolean unfederated, long createdAt) {}
