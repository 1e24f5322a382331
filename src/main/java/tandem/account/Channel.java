package tandem.account;

/** A video channel, with the account that owns it. */
public record Channel(long id, String name, String host, String displayName, String description, String support,
                      long createdAt, Account account) {}
