package tandem.federation.vocab;

/** The lines of Tandem's usage reports and statements (documented in docs/activitypub-extensions.md). */
public final class Usage {
    /** No mirror serves 10 TB of one origin's videos in one hour (22 Gbit/s): a larger figure is refused as absurd. */
    public static final long MAX_BYTES_PER_HOUR = 10_000_000_000_000L;
    /** One report names at most this many videos (the inbox's body cap would refuse far fewer anyway). */
    public static final int MAX_LINES = 10_000;

    private Usage() {}

    /** A mirror's claim for one video: `bytes` served during the hour, `heldBytes` of it held on disk. */
    public record Claim(String video, long bytes, long heldBytes) {}

    /** The origin's answer for one video: the claim repeated, its own figure, and why it was flagged (null when not). */
    public record Answer(String video, long bytes, long heldBytes, long originBytes, String flag) {}
}
