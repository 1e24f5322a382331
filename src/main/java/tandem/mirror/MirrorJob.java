package tandem.mirror;

/** The payload of a copy job: the `mirrors` row to fill. */
public record MirrorJob(long mirrorId, boolean refresh) {
    /** A first copy. */
    public MirrorJob(long mirrorId) {
        this(mirrorId, false);
    }
}
