package tandem.mirror.pool;

import java.util.List;

/**
 * One video of an origin as the planner sees it. The figures are per hour at the origin's peak
 * (the busiest hour of the last day), so copies are in place before the evening rather than after.
 *
 * @param originBytesPerHour what the origin itself served for it per hour (its pressure report)
 * @param otherMirrors       mirrors of it other than ours
 * @param ourBytesPerHour    what we served for it per hour as its mirror (0 when we hold no copy):
 *                           the bytes that would fall back on the origin and the other mirrors were we to drop it.
 *                           Players prefer mirrors, so a well-mirrored video shows almost no origin bytes;
 *                           without this figure a copy that works would look useless.
 * @param demandBytesPerHour its whole delivery per hour: the origin's bytes plus what players reported from
 *                           each mirror ({@code video_source_stats}); 0 when unknown (then estimated from the rest)
 * @param mirrorHosts        the hosts holding a copy (the origin's report), ours included when we hold one
 */
public record VideoLoad(String uuid, String name, String originHost, long originBytesPerHour, long sizeBytes,
                        int otherMirrors, long ourBytesPerHour, long demandBytesPerHour, List<String> mirrorHosts) {
    public VideoLoad {
        mirrorHosts = mirrorHosts == null ? List.of() : List.copyOf(mirrorHosts);
    }

    /** A video as a single-member plan sees it (no demand, no mirror hosts). */
    public VideoLoad(String uuid, String name, String originHost, long originBytesPerHour, long sizeBytes,
                     int otherMirrors, long ourBytesPerHour) {
        this(uuid, name, originHost, originBytesPerHour, sizeBytes, otherMirrors, ourBytesPerHour, 0, List.of());
    }

    /** A video we hold no copy of (or whose bytes we did not count). */
    public VideoLoad(String uuid, String name, String originHost, long originBytesPerHour, long sizeBytes, int otherMirrors) {
        this(uuid, name, originHost, originBytesPerHour, sizeBytes, otherMirrors, 0);
    }
}
