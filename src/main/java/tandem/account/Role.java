package tandem.account;

/** PeerTube's user roles, with their numeric ids. */
public enum Role {
    ADMIN(0, "Administrator"), MODERATOR(1, "Moderator"), USER(2, "User");

    public final int id;
    public final String label;

    Role(int id, String label) {
        this.id = id;
        this.label = label;
    }

    public static Role byId(int id) {
        for (Role r : values()) if (r.id == id) return r;
        throw new IllegalArgumentException("unknown role " + id);
    }

    /** Admins and moderators may act on other users' videos. */
    public boolean canManageVideos() {
        return this == ADMIN || this == MODERATOR;
    }
}
