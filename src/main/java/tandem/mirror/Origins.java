package tandem.mirror;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tandem.federation.actor.RemoteVideoStore;
import tandem.federation.inbox.FetchFailures;
import tandem.federation.transport.FederationHttp;
import tandem.federation.transport.ForbiddenAddressException;
import tandem.federation.vocab.Texts;
import tandem.job.Job;
import tandem.job.JobHandler;
import tandem.job.NoPayload;
import tandem.video.RemotePlayback;
import tandem.video.Video;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Lets a remote video outlive its origin (PeerTube's mirrors die with it, issues #3431, #5316): we
 * track per host whether the origin answers, and while it does not, a video with a verified mirror
 * plays from that mirror's copy of the playlists, verified against our own copy of the hashes.
 * An origin is probed with its master playlist when the API is asked about one of its mirrored
 * videos and the last probe is older than {@link #FRESH} (waiting at most {@link #PROBE_BUDGET}), and
 * every {@link #FRESH} by a job while it is down, so playback returns to it by itself.
 */
public final class Origins implements FetchFailures {
    private static final Logger log = LoggerFactory.getLogger(Origins.class);
    /** How long a probe's answer stands. */
    public static final Duration FRESH = Duration.ofSeconds(30);
    /** The longest an API request waits on a probe. */
    static final Duration PROBE_BUDGET = Duration.ofSeconds(1);

    private final OriginHostStore store;
    private final RemoteVideoStore remoteVideos;
    private final FederationHttp http;
    private final Clock clock;
    /** Probes under way per host: a burst of requests (or the job) for one host waits on one probe, not on one each. */
    private final Map<String, CompletableFuture<Optional<OriginHostStore.Row>>> probing = new ConcurrentHashMap<>();

    public Origins(OriginHostStore store, RemoteVideoStore remoteVideos, FederationHttp http, Clock clock) {
        this.store = store;
        this.remoteVideos = remoteVideos;
        this.http = http;
        this.clock = clock;
    }

    /** The origin's state for a remote video playing from HLS; `mirrors` are its listed mirror directories, ours first. */
    public OriginStatus status(Video v, RemotePlayback r, List<String> mirrors) {
        String master = r.playlistUrl();
        String host = Texts.hostOf(master);
        OriginHostStore.Row row = store.find(host).orElse(null);
        // Only a video that could play elsewhere is worth a probe; the others play from the origin or not at all.
        if (!mirrors.isEmpty() && (row == null || clock.millis() - row.lastChecked() >= FRESH.toMillis())) {
            row = probe(host, master).orElse(row);
        }
        boolean reachable = row == null || row.unreachableSince() == null;
        String name = master.substring(master.lastIndexOf('/') + 1);
        String base = reachable || mirrors.isEmpty() ? null : mirrors.getFirst();
        return new OriginStatus(reachable, reachable ? null : row.unreachableSince(), base, name, !reachable && remoteVideos.hasSegmentsSha256(v.id()));
    }

    /**
     * Asks the host now; if another request is asking it already, waits for that answer instead (a
     * request that read the answer from before the probe would send a viewer to a mirror just after
     * the origin came back).
     */
    private Optional<OriginHostStore.Row> probe(String host, String url) {
        CompletableFuture<Optional<OriginHostStore.Row>> mine = new CompletableFuture<>();
        CompletableFuture<Optional<OriginHostStore.Row>> running = probing.putIfAbsent(host, mine);
        if (running != null) {
            try {
                return running.get(PROBE_BUDGET.toMillis() * 2, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            } catch (ExecutionException | TimeoutException e) {
                return Optional.empty();
            }
        }
        try {
            boolean up = answers(url);
            store.record(host, url, up, clock.millis());
            Optional<OriginHostStore.Row> row = store.find(host);
            mine.complete(row);
            return row;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            probing.remove(host, mine);
        }
    }

    /** Any answer below 500 is a live origin (a 404 playlist is a video gone, not a host down); 5xx is its proxy speaking for it. */
    private boolean answers(String url) {
        try {
            return http.probe(URI.create(url), PROBE_BUDGET) < 500;
        } catch (ForbiddenAddressException e) {
            return true; // not ours to ask: say nothing rather than move its viewers away
        } catch (RuntimeException e) {
            log.info("origin {} does not answer: {}", url, e.getMessage());
            return false;
        }
    }

    /**
     * A fetch from a host failed: a host we track (one whose mirrored videos were asked about) and
     * believed up is asked again now; the others wait for a viewer, as they have nowhere else to play from.
     */
    @Override
    public void originFailed(String url) {
        String host = Texts.hostOf(url);
        store.find(host).filter(r -> r.unreachableSince() == null).ifPresent(r -> probe(host, r.probeUrl()));
    }

    /** The handler of {@link RemoteMirrorJobs#ORIGIN_PROBE}: asks again every host that was down. */
    public JobHandler<NoPayload> prober() {
        return (Job job, NoPayload none) -> {
            for (OriginHostStore.Row r : store.unreachable()) {
                if (probe(r.host(), r.probeUrl()).map(x -> x.unreachableSince() == null).orElse(false)) log.info("origin {} answers again", r.host());
            }
        };
    }
}
