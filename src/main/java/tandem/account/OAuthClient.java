package tandem.account;

/** The instance's single "local" OAuth client that PeerTube clients fetch before logging in. */
public record OAuthClient(String clientId, String clientSecret) {}
