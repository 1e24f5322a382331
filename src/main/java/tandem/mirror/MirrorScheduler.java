package tandem.mirror;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tandem.job.Job;
import tandem.job.JobHandler;
import tandem.job.NoPayload;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;

/**
 * The strategies' recurring run, PeerTube's algorithm: per strategy, one of the top five candidates
 * at random, room made by evicting that strategy's oldest expired mirrors, skipped if it still does
 * not fit; then every mirror that would expire before the next run is extended while its strategy is
 * configured and within its budget (before it expires, unlike PeerTube, so origins never drop it
 * from their lists in between), else removed once expired.
 */
public final class MirrorScheduler implements JobHandler<NoPayload> {
    private static final Logger log = LoggerFactory.getLogger(MirrorScheduler.class);

    private final MirrorPolicy policy;
    private final MirrorStore store;
    private final MirrorCandidates candidates;
    private final MirrorService mirrors;
    private final MirrorCatalog catalog;
    private final ObjectMapper json;
    private final Clock clock;
    private final Random random;
    private final Duration every;

    public MirrorScheduler(MirrorPolicy policy, MirrorStore store, MirrorCandidates candidates, MirrorService mirrors, MirrorCatalog catalog,
                           ObjectMapper json, Clock clock, Random random, Duration every) {
        this.every = every;
        this.policy = policy;
        this.store = store;
        this.candidates = candidates;
        this.mirrors = mirrors;
        this.catalog = catalog;
        this.json = json;
        this.clock = clock;
        this.random = random;
    }

    @Override
    public void run(Job job, NoPayload none) {
        catalog.reload();
        for (MirrorPolicy.Strategy s : policy.strategies()) pick(s);
        expire();
    }

    private void pick(MirrorPolicy.Strategy s) {
        List<MirrorCandidates.Candidate> top = candidates.top(s);
        if (top.isEmpty()) return;
        MirrorCandidates.Candidate c = top.get(random.nextInt(top.size()));
        long size = announcedSize(c.files());
        long now = clock.millis();
        List<Mirror> mine = store.list(s.id());
        long used = mine.stream().mapToLong(Mirror::sizeBytes).sum();
        for (Mirror m : mine) {
            if (used + size <= s.sizeBytes()) break;
            if (m.expiresAt() != null && m.expiresAt() <= now) {
                mirrors.remove(m);
                used -= m.sizeBytes();
            }
        }
        if (used + size > s.sizeBytes()) {
            log.info("strategy {}: video {} ({} bytes) does not fit in {} bytes ({} used)", s.id(), c.videoId(), size, s.sizeBytes(), used);
            return;
        }
        mirrors.create(c.videoId(), s.id(), now + s.minLifetime().toMillis());
        log.info("strategy {}: mirroring video {}", s.id(), c.videoId());
    }

    /**
     * Mirrors that would expire before the next run and that their strategy still holds are kept
     * another lifetime; the expired others go.
     */
    private void expire() {
        long now = clock.millis();
        long nextRun = now + every.toMillis();
        for (Mirror m : store.list(null)) {
            if (m.expiresAt() == null || m.expiresAt() > nextRun) continue;
            var s = policy.strategy(m.strategy());
            long used = s.isEmpty() ? 0 : store.list(m.strategy()).stream().mapToLong(Mirror::sizeBytes).sum();
            if (s.isPresent() && m.ready() && used <= s.get().sizeBytes()) {
                mirrors.extend(m, now + s.get().minLifetime().toMillis());
            } else if (m.expiresAt() <= now) {
                mirrors.remove(m);
            }
        }
    }

    /** The sizes of the HLS files the origin announced (`remote_videos.files`), 0 when unknown. */
    private long announcedSize(String files) {
        if (files == null) return 0;
        try {
            long total = 0;
            for (JsonNode f : json.readTree(files)) total += f.path("size").asLong(0);
            return total;
        } catch (IOException e) {
            return 0;
        }
    }
}
