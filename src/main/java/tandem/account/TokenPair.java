package tandem.account;

/** An OAuth access/refresh pair as issued; lifetimes in seconds. */
public record TokenPair(String accessToken, String refreshToken, long expiresIn, long refreshExpiresIn) {}
