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

    /** Adds one report to its video's row for the hour, creating the row on the hour's first report. */
    public void add(long videoId, long hourStart, PlaybackReport r) {
        jdbi.useHandle(h -> h.createUpdate("""
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
                .bind("up", r.uploadedBytesP2P()).bind("peers", r.p2pPeers()).execute());
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
