package tandem.video;

import tandem.account.User;
import tandem.core.Problem;
import tandem.video.PlaybackStatsStore.Hour;
import tandem.video.PlaybackStatsStore.HostBytes;
import tandem.video.PlaybackStatsStore.Traffic;
import tandem.video.PlaybackStatsStore.VideoTraffic;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Playback metrics from players, kept as durable hourly sums per video, and the summary behind the
 * admin's P2P chart: how many bytes viewers got from each other rather than from us.
 */
public final class PlaybackStats {
    public static final int DEFAULT_HOURS = 24;
    /** A month of hours: enough for a chart, small enough to answer from the hourly rows at once. */
    public static final int MAX_HOURS = 24 * 31;
    static final int TOP_VIDEOS = 10;
    private static final long HOUR = Duration.ofHours(1).toMillis();

    private final PlaybackStatsStore store;
    private final VideoService videos;
    private final Clock clock;

    public PlaybackStats(PlaybackStatsStore store, VideoService videos, Clock clock) {
        this.store = store;
        this.videos = videos;
        this.clock = clock;
    }

    /** The chart's data: every hour of the window (empty ones as zeros), totals, P2P share, top videos. */
    public record Summary(List<Hour> hours, Traffic totals, double p2pRatio, List<VideoTraffic> topVideos) {}

    /** Adds a player's report to the current hour of its video. Private videos take reports only from who may watch them. */
    public void record(Optional<User> viewer, PlaybackReport report) {
        Video v = videos.visible(viewer, report.videoId());
        store.add(v.id(), currentHour(), report);
    }

    public Summary summary(int hours) {
        if (hours < 1 || hours > MAX_HOURS) throw Problem.invalidParam("hours", "Should have a number of hours between 1 and " + MAX_HOURS);
        long from = currentHour() - (hours - 1) * HOUR;
        Map<Long, Traffic> reported = store.hours(from).stream().collect(Collectors.toMap(Hour::hourStart, Hour::traffic));
        List<Hour> all = new ArrayList<>(hours);
        for (int i = 0; i < hours; i++) {
            long start = from + i * HOUR;
            all.add(new Hour(start, reported.getOrDefault(start, Traffic.NONE)));
        }
        Traffic totals = all.stream().map(Hour::traffic).reduce(Traffic.NONE, Traffic::plus);
        return new Summary(all, totals, p2pRatio(totals), store.topVideos(from, TOP_VIDEOS));
    }

    /** One video's HTTP bytes per source host (the origin, its mirrors) over the last `hours`: who carried it. */
    public record Sources(Video video, int hours, List<HostBytes> hosts) {}

    public Sources sources(User viewer, String videoId, int hours) {
        if (hours < 1 || hours > MAX_HOURS) throw Problem.invalidParam("hours", "Should have a number of hours between 1 and " + MAX_HOURS);
        Video v = videos.visible(Optional.of(viewer), videoId);
        return new Sources(v, hours, store.sources(v.id(), currentHour() - (hours - 1) * HOUR));
    }

    /** All-time totals, for the instance stats. */
    public Traffic allTime() {
        return store.allTime();
    }

    /** Share of downloaded bytes that came from peers: 0 when nothing was downloaded. */
    static double p2pRatio(Traffic t) {
        long downloaded = t.p2pBytes() + t.httpBytes();
        return downloaded == 0 ? 0 : (double) t.p2pBytes() / downloaded;
    }

    private long currentHour() {
        long now = clock.millis();
        return now - Math.floorMod(now, HOUR);
    }
}
