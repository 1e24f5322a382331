package tandem.mirror.ledger;

import org.jdbi.v3.core.Jdbi;
import tandem.core.WebUrl;
import tandem.job.Job;
import tandem.job.JobHandler;
import tandem.job.NoPayload;

import java.net.URI;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The recurring job that gives the ledger its storage history: the bytes of our ready mirrors,
 * summed per origin host, written as the current hour's figure in `held_bytes` (the last run of
 * an hour wins). A host we no longer hold anything of gets no row, i.e. nothing held.
 */
public final class HeldBytes implements JobHandler<NoPayload> {
    private static final long HOUR = 3_600_000L;
    private final Jdbi jdbi;
    private final Clock clock;

    public HeldBytes(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    @Override
    public void run(Job job, NoPayload none) {
        record(clock.millis());
    }

    /** Writes what we hold now as the figure of the hour `now` falls in; returns it per origin host. */
    public Map<String, Long> record(long now) {
        long hour = now - Math.floorMod(now, HOUR);
        Map<String, Long> perHost = new TreeMap<>();
        jdbi.useTransaction(h -> {
            h.createQuery("""
                            SELECT r.url, m.size_bytes FROM mirrors m JOIN remote_videos r ON r.video_id = m.video_id
                            WHERE m.state = 'ready'""")
                    .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2)))
                    .forEach(e -> host(e.getKey()).ifPresent(host -> perHost.merge(host, e.getValue(), Long::sum)));
            h.createUpdate("DELETE FROM held_bytes WHERE hour_start = :hour").bind("hour", hour).execute();
            var batch = h.prepareBatch("INSERT INTO held_bytes (origin_host, hour_start, bytes) VALUES (:host, :hour, :bytes)");
            perHost.forEach((host, bytes) -> batch.bind("host", host).bind("hour", hour).bind("bytes", bytes).add());
            if (!perHost.isEmpty()) batch.execute();
        });
        return perHost;
    }

    private static java.util.Optional<String> host(String url) {
        try {
            return java.util.Optional.of(WebUrl.hostOf(URI.create(url)).toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            return java.util.Optional.empty();
        }
    }
}
