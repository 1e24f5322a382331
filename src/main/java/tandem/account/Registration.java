package tandem.account;

/**
 * A sign-up waiting for (or given) an administrator's decision (PeerTube's `UserRegistration`); {@code emailVerified}
 * is null when no verification was asked, and passes to the user made on acceptance.
 */
public record Registration(long id, String username, String email, String displayName, String channelName, String channelDisplayName,
                           String reason, State state, String moderationResponse, String language, Long userId, long createdAt, long updatedAt,
                           Boolean emailVerified) {
    /** PeerTube's registration states and their numbers. */
    public enum State {
        PENDING(1, "Pending"), REJECTED(2, "Rejected"), ACCEPTED(3, "Accepted");

        public final int id;
        public final String label;

        State(int id, String label) {
            this.id = id;
            this.label = label;
        }

        static State byId(int id) {
            for (State s : values()) if (s.id == id) return s;
            throw new IllegalArgumentException("registration state " + id);
        }
    }
}
