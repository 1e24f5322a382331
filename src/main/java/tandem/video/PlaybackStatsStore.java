package tandem.video;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

import java.util.List;

/** SQL for the per-video, per-hour sums of what players report. */
public final class PlaybackStatsStore {
    /** Bytes and reports summed over some rows (one hour, or a whole window). */
    public record Traffic(long p2pBytes, long httpBytes, long uploadedBytes, long reports, int maxPeers) {
        public static final Traffic NONE = new Traffic(0, 0, 0, 0, 0);

        public Traffic plus(Traffic o) {
            return new Traffic(p2pBytes + o.p2pBytes, httpBytes + o.httpBytes, uploadedBytes + o.uploadedBytes, reports + o.reports,
                    Math.max(maxPeers, o.maxPeers));
        }
    }

    /** The sums for the hour starting at `hourStart` (epoch ms). */
    public record Hour(long hourStart, Traffic traffic) {}

    /** A video's share of the traffic in a window. */
    public record VideoTraffic(String uuid, String name, long p2pBytes, long httpBytes) {}

    private static final String SUMS = """
            COALESCE(SUM(p2p_bytes), 0) AS p2p, COALESCE(SUM(http_bytes), 0) AS http, COALESCE(SUM(uploaded_bytes), 0) AS up,
            COALESCE(SUM(reports), 0) AS reports, COALESCE(MAX(max_peers), 0) AS peers""";
    private static final RowMapper<Traffic> TRAFFIC = (rs, ctx) -> new Traffic(rs.getLong("p2p"), rs.getLong("http"), rs.getLong("up"),
            rs.getLong("reports"), rs.getInt("peers"));

    private final Jdbi jdbi;

    public PlaybackStatsStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Bytes one source host carried for a video's players. */
    public record HostBytes(String host, long bytes, long reports) {}

    /**
     * Adds one report to its video's row for the hour, creating the row on the hour's first report,
     * and its per-source bytes to the video's rows per host, in one transaction.
     */
    public void add(long videoId, long hourStart, PlaybackReport r) {
        jdbi.useTransaction(h -> {
            for (SourceBytes s : r.sources()) {
                h.createUpdate("""
                        INSERT INTO video_source_stats (video_id, hour_start, host, bytes, reports) VALUES (:v, :hour, :host, :bytes, 1)
                        ON CONFLICT (video_id, hour_start, host) DO UPDATE SET
                            bytes = video_source_stats.bytes + excluded.bytes, reports = video_source_stats.reports + 1""")
                        .bind("v", videoId).bind("hour", hourStart).bind("host", s.host()).bind("bytes", s.bytes()).execute();
            }
            h.createUpdate("""
                    INSERT INTO video_playback_stats (video_id, hour_start, p2p_bytes, http_bytes, uploaded_bytes, reports, max_peers)
                    VALUES (:v, :hour, :p2p, :http, :up, 1, :peers)
                    ON CONFLICT (video_id, hour_start) DO UPDATE SET
                        p2p_bytes = video_playback_stats.p2p_bytes + excluded.p2p_bytes,
                        http_bytes = video_playback_stats.http_bytes + excluded.http_bytes,
                        uploaded_bytes = video_playback_stats.uploaded_bytes + excluded.uploaded_bytes,
                        reports = video_playback_stats.reports + 1,
                        max_peers = CASE WHEN excluded.max_peers > video_playback_stats.max_peers
                                         THEN excluded.max_peers ELSE video_playback_stats.max_peers END""")
                    .bind("v", videoId).bind("hour", hourStart).bind("p2p", r.downloadedBytesP2P()).bind("http", r.downloadedBytesHttp())
                    .bind("up", r.uploadedBytesP2P()).bind("peers", r.p2pPeers()).execute();
        });
    }

    /** Bytes per source host for one video since `fromHour`, the biggest carrier first. */
    public List<HostBytes> sources(long videoId, long fromHour) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT host, SUM(bytes) AS bytes, SUM(reports) AS reports FROM video_source_stats
                        WHERE video_id = :v AND hour_start >= :from GROUP BY host ORDER BY SUM(bytes) DESC, host""")
                .bind("v", videoId).bind("from", fromHour)
                .map((rs, ctx) -> new HostBytes(rs.getString("host"), rs.getLong("bytes"), rs.getLong("reports")))
                .list());
    }

    /** Hours since `fromHour` that have reports, oldest first; hours without any are absent. */
    public List<Hour> hours(long fromHour) {
        return jdbi.withHandle(h -> h.createQuery("SELECT hour_start, " + SUMS
                        + " FROM video_playback_stats WHERE hour_start >= :from GROUP BY hour_start ORDER BY hour_start")
                .bind("from", fromHour)
                .map((rs, ctx) -> new Hour(rs.getLong("hour_start"), TRAFFIC.map(rs, ctx)))
                .list());
    }

    /** Everything ever reported, deleted videos included. */
    public Traffic allTime() {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + SUMS + " FROM video_playback_stats")
                .map(TRAFFIC).one());
    }

    /** The videos that moved the most bytes since `fromHour`, P2P and HTTP together. */
    public List<VideoTraffic> topVideos(long fromHour, int limit) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT v.uuid, v.name, SUM(s.p2p_bytes) AS p2p, SUM(s.http_bytes) AS http
                        FROM video_playback_stats s JOIN videos v ON v.id = s.video_id
                        WHERE s.hour_start >= :from
                        GROUP BY v.id, v.uuid, v.name
                        ORDER BY SUM(s.p2p_bytes) + SUM(s.http_bytes) DESC, v.id
                        LIMIT :limit""")
                .bind("from", fromHour).bind("limit", limit)
                .map((rs, ctx) -> new VideoTraffic(rs.getString("uuid"), rs.getString("name"), rs.getLong("p2p"), rs.getLong("http")))
                .list());
    }
}
