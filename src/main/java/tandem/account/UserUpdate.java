package tandem.account;

/** An admin's edit of a user (PeerTube's UserUpdate); a null field is left as it is. */
public record UserUpdate(String email, String password, Role role, Long videoQuota, Long videoQuotaDaily) {}
