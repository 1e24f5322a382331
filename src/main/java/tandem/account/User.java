package tandem.account;

/**
 * A local user, joined with the id and name of the account it owns, and their own settings.
 * {@code emailVerified} is null when no verification was asked of them; {@code pendingEmail} is a
 * new address waiting for its owner's confirmation.
 */
public record User(long id, String username, String email, Role role, long videoQuota, long videoQuotaDaily,
                   boolean blocked, String blockedReason, String nsfwPolicy, long createdAt, long accountId, String accountDisplayName,
                   UserPreferences preferences, Boolean emailVerified, String pendingEmail) {}
