package tandem.mirror.ledger;

import java.time.Duration;
import java.time.Instant;

/**
 * What an origin believes of a mirror's usage report, as pure functions (the numbers are written
 * down in docs/activitypub-extensions.md):
 * <ul>
 * <li>An hour is reported once complete, and not after 30 days (the players' figures it is compared
 *     with are kept hourly; an old claim can no longer be checked).</li>
 * <li>A claim is absurd, and refused, above 100,000 whole copies of the video in one hour or when the
 *     mirror says it holds more than twice the video plus 10 MB.</li>
 * <li>A claim is flagged when above max(players × 1.5, players + 10 MB), players being the bytes the
 *     origin's players said came from that mirror that hour. Players report every 15 s, so up to
 *     15 s of downloading (about 10 MB at 5 Mbit/s) may be counted in the next hour at the origin
 *     while the mirror counted it in this one; the ratio absorbs lost last reports (a closed tab) and
 *     prefetch. Players elsewhere (on the mirror's own site, or a third instance's) do not report to
 *     the origin, so a flag says "not confirmed by our players", not "lie": the statement carries both
 *     figures and neither side drops the claim.</li>
 * </ul>
 */
public final class UsageRules {
    static final long HOUR = Duration.ofHours(1).toMillis();
    static final long MAX_AGE = Duration.ofDays(30).toMillis();
    /** One 15-second player report at 5 Mbit/s, which may land in the next hour at the origin. */
    static final long SLACK_BYTES = 10_000_000;
    static final long MAX_COPIES_PER_HOUR = 100_000;

    private UsageRules() {}

    /** Why a report for the hour starting at `hourStart` cannot be taken at `now`, or null when it can. */
    static String hourProblem(long hourStart, long now) {
        String hour = Instant.ofEpochMilli(hourStart).toString();
        if (hourStart > now) return "hour " + hour + " is in the future";
        if (hourStart + HOUR > now) return "hour " + hour + " is not complete yet";
        if (hourStart < now - MAX_AGE) return "hour " + hour + " is older than 30 days";
        return null;
    }

    /** Why a claim is absurd for a video of `sizeBytes` (0 when unknown), or null. */
    static String absurd(long claimed, long held, long sizeBytes) {
        if (sizeBytes <= 0) return null;
        if (claimed / MAX_COPIES_PER_HOUR > sizeBytes) {
            return "absurd: " + claimed + " bytes in one hour is more than " + MAX_COPIES_PER_HOUR + " copies of the video (" + sizeBytes + " bytes)";
        }
        if (held > 2 * sizeBytes + SLACK_BYTES) return "absurd: holds " + held + " bytes of a video of " + sizeBytes + " bytes";
        return null;
    }

    /** The most a mirror may claim before it is flagged, given what players counted from it. */
    static long allowed(long players) {
        return Math.max(players + players / 2, players + SLACK_BYTES);
    }

    /** The flag of a claim, or null when the players' figure supports it. */
    static String flag(long claimed, long players, String mirrorHost) {
        if (claimed <= allowed(players)) return null;
        return "claimed " + claimed + " bytes, our players counted " + players + " bytes from " + mirrorHost
                + " (at most " + allowed(players) + " taken without a flag)";
    }
}
