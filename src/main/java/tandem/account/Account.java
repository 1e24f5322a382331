package tandem.account;

/** The public identity that owns channels; local accounts belong to a user, remote ones have a host. */
public record Account(long id, Long userId, String name, String host, String displayName, String description, long createdAt) {}
