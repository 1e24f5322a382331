package tandem.account;

/**
 * One stored size of an account's or channel's avatar or banner.
 *
 * @param fileName the name it is served under in its kind's folder (a new one on every replacement, so URLs can be cached for good)
 * @param fileUrl  the origin's address of a remote actor's picture; null for ours
 */
public record ActorImage(long id, ImageOwner owner, ActorImageKind kind, String fileName, int width, int height, String fileUrl,
                         long createdAt, long updatedAt) {
    public boolean isLocal() {
        return fileUrl == null;
    }

    /** PeerTube's `path`: `/lazy-static/avatars/<file>` or `/lazy-static/banners/<file>`. */
    public String path() {
        return kind.folder + fileName;
    }
}
