package tandem.video.moderation;

/** PeerTube's abuse states: pending, rejected, accepted (ids 1, 2, 3). */
public enum AbuseState {
    PENDING(1, "Pending"), REJECTED(2, "Rejected"), ACCEPTED(3, "Accepted");

    public final int id;
    public final String label;

    AbuseState(int id, String label) {
        this.id = id;
        this.label = label;
    }

    /** The state with this id, or null. */
    public static AbuseState byId(int id) {
        for (AbuseState s : values()) if (s.id == id) return s;
        return null;
    }
}
