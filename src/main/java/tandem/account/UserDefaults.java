package tandem.account;

/** What a new user gets from the administrator's settings: quotas (-1 unlimited) and P2P (null: asked later). */
public record UserDefaults(long videoQuota, long videoQuotaDaily, Boolean p2pEnabled) {}
