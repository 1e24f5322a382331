package tandem.mirror.pool;

import org.jdbi.v3.core.Jdbi;
import tandem.federation.actor.LocalActors;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Our load as an origin, for pool members that pledge (`GET /api/v1/server/pressure`): our egress
 * capacity from our pledge (0 = unknown), and per public video of ours, at its busiest hour of the
 * last {@link #HOURS} complete hours: the origin egress we served (`served_bytes` with us as origin)
 * and its whole demand (that plus what our players counted from each mirror, `video_source_stats`),
 * its size and the hosts of its verified mirrors. The busiest hour, not an average: a day's curve
 * peaks in the evening, and copies must be in place for the peak rather than follow it.
 */
public final class Pressure {
    public static final int HOURS = 24;
    private static final long HOUR = 3_600_000L;

    private final Jdbi jdbi;
    private final Pledges pledges;
    private final LocalActors local;
    private final Clock clock;

    public Pressure(Jdbi jdbi, Pledges pledges, LocalActors local, Clock clock) {
        this.jdbi = jdbi;
        this.pledges = pledges;
        this.local = local;
        this.clock = clock;
    }

    /** One video's pressure: per hour at its peak, its size (HLS renditions), and its verified mirrors. */
    public record Video(String uuid, String url, String name, long originBytesPerHour, long demandBytesPerHour, long sizeBytes,
                        List<String> mirrorHosts) {
        public Video {
            mirrorHosts = List.copyOf(mirrorHosts);
        }

        public int mirrors() { return mirrorHosts.size(); }
    }

    /** The whole answer; `egressBytesPerHour` is our busiest hour's origin egress. */
    public record Report(String host, long capacityBytesPerHour, long egressBytesPerHour, int hours, List<Video> videos) {}

    private record Facts(String name, long size) {}

    public Report ours() {
        long until = PoolStore.hourOf(clock.millis());
        long since = until - HOURS * HOUR;
        String host = pledges.ourHost();
        Map<String, Map<Long, Long>> origin = new HashMap<>(); // uuid → hour → bytes we served
        Map<String, Map<Long, Long>> demand = new HashMap<>(); // uuid → hour → ours + mirrors'
        Map<Long, Long> egress = new HashMap<>();
        Map<String, Facts> facts = new LinkedHashMap<>();
        Map<String, TreeSet<String>> mirrors = new HashMap<>();
        jdbi.useHandle(h -> {
            h.createQuery("""
                    SELECT v.uuid, v.name, s.hour_start, s.bytes,
                           (SELECT COALESCE(SUM(f.size), 0) FROM video_files f WHERE f.video_id = v.id AND f.kind = 'hls') AS size
                    FROM served_bytes s JOIN videos v ON v.uuid = s.video_uuid
                    WHERE s.origin_host = :host AND s.hour_start >= :since AND s.hour_start < :until
                      AND v.is_local AND v.privacy = 1 AND v.state = 1""")
                    .bind("host", host).bind("since", since).bind("until", until)
                    .map((rs, ctx) -> {
                        String uuid = rs.getString("uuid");
                        long hour = rs.getLong("hour_start");
                        long bytes = rs.getLong("bytes");
                        facts.putIfAbsent(uuid, new Facts(rs.getString("name"), rs.getLong("size")));
                        origin.computeIfAbsent(uuid, u -> new HashMap<>()).merge(hour, bytes, Long::sum);
                        demand.computeIfAbsent(uuid, u -> new HashMap<>()).merge(hour, bytes, Long::sum);
                        egress.merge(hour, bytes, Long::sum);
                        return uuid;
                    }).list();
            // What our players fetched from others (mirrors) joins the demand of videos under load.
            h.createQuery("""
                    SELECT v.uuid, s.hour_start, s.bytes FROM video_source_stats s JOIN videos v ON v.id = s.video_id
                    WHERE s.host <> :host AND s.hour_start >= :since AND s.hour_start < :until AND v.is_local""")
                    .bind("host", host).bind("since", since).bind("until", until)
                    .map((rs, ctx) -> {
                        String uuid = rs.getString("uuid");
                        if (facts.containsKey(uuid)) demand.get(uuid).merge(rs.getLong("hour_start"), rs.getLong("bytes"), Long::sum);
                        return uuid;
                    }).list();
            h.createQuery("""
                    SELECT v.uuid, rm.base_url FROM remote_mirrors rm JOIN videos v ON v.id = rm.video_id
                    WHERE rm.state = 'verified' AND v.is_local""")
                    .map((rs, ctx) -> mirrors.computeIfAbsent(rs.getString("uuid"), u -> new TreeSet<>()).add(hostOf(rs.getString("base_url"))))
                    .list();
        });
        List<Video> videos = new ArrayList<>();
        facts.forEach((uuid, f) -> videos.add(new Video(uuid, local.videoUrl(uuid), f.name(), peak(origin.get(uuid)), peak(demand.get(uuid)), f.size(),
                List.copyOf(mirrors.getOrDefault(uuid, new TreeSet<>())))));
        videos.sort(Comparator.comparingLong(Video::originBytesPerHour).reversed().thenComparing(Video::uuid));
        long capacity = pledges.ours().map(Pledge::capacityBytesPerHour).orElse(0L);
        return new Report(host, capacity, peak(egress), HOURS, videos);
    }

    private static long peak(Map<Long, Long> perHour) {
        return perHour == null ? 0 : perHour.values().stream().mapToLong(Long::longValue).max().orElse(0);
    }

    private static String hostOf(String url) {
        return java.net.URI.create(url).getAuthority();
    }
}
