package tandem.account;

/** What an admin (or the first start) gives to create a user; null quotas take the instance defaults. */
public record NewUser(String username, String password, String email, Role role, Long videoQuota, Long videoQuotaDaily, String channelName) {}
