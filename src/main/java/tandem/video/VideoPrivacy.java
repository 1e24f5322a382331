package tandem.video;

/** Who may see a video. Internal and password-protected are PeerTube ids we do not offer yet. */
public enum VideoPrivacy {
    PUBLIC(1, "Public"), UNLISTED(2, "Unlisted"), PRIVATE(3, "Private");

    public final int id;
    public final String label;

    VideoPrivacy(int id, String label) {
        this.id = id;
        this.label = label;
    }

    public static VideoPrivacy byId(int id) {
        for (VideoPrivacy p : values()) if (p.id == id) return p;
        return null;
    }
}
