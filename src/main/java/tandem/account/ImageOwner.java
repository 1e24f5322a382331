package tandem.account;

/** Whose avatar or banner: an account or a channel (exactly one of the two ids is set). */
public record ImageOwner(Long accountId, Long channelId) {
    public ImageOwner {
        if ((accountId == null) == (channelId == null)) throw new IllegalArgumentException("an account or a channel");
    }

    public static ImageOwner account(long id) {
        return new ImageOwner(id, null);
    }

    public static ImageOwner channel(long id) {
        return new ImageOwner(null, id);
    }
}
