package tandem.federation.actor;

/** One follow between two actors: `pending` until accepted (by the target, or by our admin), then `accepted`. */
public record Follow(long id, Actor follower, Actor target, String state, String activityUrl, long createdAt) {
    public static final String PENDING = "pending";
    public static final String ACCEPTED = "accepted";
}
