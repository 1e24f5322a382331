package tandem.mirror.pool;

import org.jdbi.v3.core.Jdbi;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** SQL of the pool: who we federate with, remote mirrors and served bytes as the plan needs them, and the plan's decisions. */
public final class PoolStore {
    private static final long HOUR = 3_600_000L;

    private final Jdbi jdbi;

    public PoolStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** A decision as stored for the pool view. */
    public record Decision(String videoUuid, String videoName, String originHost, String action, String reason, long savedBytesPerHour) {}

    /** An origin's load as its last pressure answer said. */
    public record Load(String host, long capacityBytesPerHour, long egressBytesPerHour) {}

    /** The instance actors our instance actor follows (accepted): the origins we plan for. */
    public List<String> followedInstances() {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT t.url FROM actor_follows f
                        JOIN actors me ON me.id = f.follower_id JOIN actors t ON t.id = f.target_id
                        WHERE me.is_local AND me.type = 'Application' AND t.type = 'Application' AND f.state = 'accepted'
                        ORDER BY t.url""").mapTo(String.class).list());
    }

    /** Hosts of the instance actors that follow ours (accepted). */
    public List<String> followerHosts() {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT DISTINCT t.host FROM actor_follows f
                        JOIN actors me ON me.id = f.target_id JOIN actors t ON t.id = f.follower_id
                        WHERE me.is_local AND me.type = 'Application' AND t.type = 'Application' AND f.state = 'accepted'
                        ORDER BY t.host""").mapTo(String.class).list());
    }


    /** The host of a remote video's channel: its origin. */
    public Optional<String> originOf(String videoUuid) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT c.host FROM videos v JOIN channels c ON c.id = v.channel_id WHERE v.uuid = :u AND NOT v.is_local""")
                .bind("u", videoUuid).mapTo(String.class).findOne());
    }

    /** Bytes we served for others' videos (as a mirror) since {@code since}: what our pledge's egress has carried. */
    public long servedForOthers(String ourHost, long since) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT COALESCE(SUM(bytes), 0) FROM served_bytes WHERE origin_host <> :us AND hour_start >= :since""")
                .bind("us", ourHost).bind("since", since).mapTo(Long.class).one());
    }

    /** Our mirrors (any strategy) of videos of this host. */
    public int mirrorsWeHold(String host) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT COUNT(*) FROM mirrors m JOIN videos v ON v.id = m.video_id JOIN channels c ON c.id = v.channel_id
                        WHERE LOWER(c.host) = LOWER(:h)""").bind("h", host).mapTo(Integer.class).one());
    }

    /** Verified mirrors this host announced of our videos. */
    public int mirrorsTheyHold(String host) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT COUNT(*) FROM remote_mirrors rm JOIN videos v ON v.id = rm.video_id JOIN actors a ON a.url = rm.actor_url
                        WHERE v.is_local AND rm.state = 'verified' AND LOWER(a.host) = LOWER(:h)""").bind("h", host).mapTo(Integer.class).one());
    }

    /** Replaces the decisions and the origins' loads with this plan's, in one transaction. */
    public void savePlan(List<Decision> decisions, List<Load> loads, long now) {
        jdbi.useTransaction(h -> {
            h.execute("DELETE FROM pool_decisions");
            for (Decision d : decisions) {
                h.createUpdate("""
                                INSERT INTO pool_decisions (video_uuid, video_name, origin_host, action, reason, saved_bytes_per_hour, planned_at)
                                VALUES (:u, :n, :o, :a, :r, :s, :now)""")
                        .bind("u", d.videoUuid()).bind("n", d.videoName()).bind("o", d.originHost()).bind("a", d.action())
                        .bind("r", d.reason()).bind("s", d.savedBytesPerHour()).bind("now", now).execute();
            }
            for (Load l : loads) {
                h.createUpdate("""
                                INSERT INTO pool_origins (host, capacity_bytes_per_hour, egress_bytes_per_hour, fetched_at) VALUES (:h, :c, :e, :now)
                                ON CONFLICT (host) DO UPDATE SET capacity_bytes_per_hour = :c, egress_bytes_per_hour = :e, fetched_at = :now""")
                        .bind("h", l.host()).bind("c", l.capacityBytesPerHour()).bind("e", l.egressBytesPerHour()).bind("now", now).execute();
            }
            h.createUpdate("""
                            INSERT INTO pool_plans (id, planned_at) VALUES (1, :now)
                            ON CONFLICT (id) DO UPDATE SET planned_at = :now""").bind("now", now).execute();
        });
    }

    public List<Decision> decisions() {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT video_uuid, video_name, origin_host, action, reason, saved_bytes_per_hour FROM pool_decisions
                        ORDER BY saved_bytes_per_hour DESC, video_uuid""")
                .map((rs, ctx) -> new Decision(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getLong(6)))
                .list());
    }

    public Optional<Long> plannedAt() {
        return jdbi.withHandle(h -> h.createQuery("SELECT planned_at FROM pool_plans WHERE id = 1").mapTo(Long.class).findOne());
    }

    public List<Load> loads() {
        return jdbi.withHandle(h -> h.createQuery("SELECT host, capacity_bytes_per_hour, egress_bytes_per_hour FROM pool_origins ORDER BY host")
                .map((rs, ctx) -> new Load(rs.getString(1), rs.getLong(2), rs.getLong(3))).list());
    }

    /** Hour start (epoch ms) of the hour holding {@code millis}. */
    /** Per video of others, the most we served for it in one hour since `since`: what would fall back on its origin without our copy. */
    public Map<String, Long> peakServedForOthers(String ourHost, long since) {
        Map<String, Long> out = new HashMap<>();
        jdbi.useHandle(h -> h.createQuery("SELECT video_uuid, bytes FROM served_bytes WHERE origin_host <> :us AND hour_start >= :since")
                .bind("us", ourHost).bind("since", since)
                .map((rs, ctx) -> out.merge(rs.getString(1), rs.getLong(2), Math::max)).list());
        return out;
    }

    static long hourOf(long millis) {
        return millis - Math.floorMod(millis, HOUR);
    }
}
