package tandem.video;

/** PeerTube's video states (ids are part of the API). */
public enum VideoState {
    PUBLISHED(1, "Published"),
    TO_TRANSCODE(2, "To transcode"),
    TRANSCODING_FAILED(7, "Transcoding failed");

    public final int id;
    public final String label;

    VideoState(int id, String label) {
        this.id = id;
        this.label = label;
    }

    public static VideoState byId(int id) {
        for (VideoState s : values()) if (s.id == id) return s;
        throw new IllegalArgumentException("unknown video state " + id);
    }
}
