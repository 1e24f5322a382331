package tandem.app;

import io.micrometer.core.instrument.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tandem.account.SubscriptionService;
import tandem.account.SubscriptionStore;
import tandem.core.Config;
import tandem.instance.InstanceSettingsService;
import tandem.instance.InstanceSettingsStore;
import tandem.db.Database;
import tandem.federation.vocab.VideoUrls;
import tandem.http.FastPaths;
import tandem.http.HttpServer;
import tandem.net.MediaExchange;
import tandem.p2p.TrackerWebSocketServer;
import tandem.http.MediaFiles;
import tandem.http.Urls;
import tandem.job.JobQueue;
import tandem.mirror.pool.Pledges;
import tandem.mirror.ledger.ServedBytes;
import tandem.net.ConnectionBudget;
import tandem.net.ConnectionGate;
import tandem.net.TrustedProxies;
import tandem.video.Video;
import tandem.video.VideoFile;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The composition root: the only place that builds services and wires them together, one wiring
 * record per capability (Platform, Accounts, Videos, Federation, Mirrors, Tracking, Api, Listeners).
 */
public final class App implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(App.class);

    private final Config config;
    private final Platform platform;
    private final Listeners listeners;
    private final Tracking tracking;
    private final Federation federation;
    private final Mirrors mirrors;
    private final Ledgers ledgers;
    private final InstanceSettingsService settings;
    private final Optional<String> createdAdminPassword;

    private App(Config config, Platform platform, Listeners listeners, Tracking tracking, Federation federation, Mirrors mirrors,
                Ledgers ledgers, InstanceSettingsService settings, Optional<String> createdAdminPassword) {
        this.config = config;
        this.platform = platform;
        this.listeners = listeners;
        this.tracking = tracking;
        this.federation = federation;
        this.mirrors = mirrors;
        this.ledgers = ledgers;
        this.settings = settings;
        this.createdAdminPassword = createdAdminPassword;
    }

    public static App start(Config config) throws IOException {
        return start(config, Clock.systemUTC());
    }

    /** Starts with {@code clock} as every service's time (tests pass one they can advance instead of sleeping). */
    public static App start(Config config, Clock clock) throws IOException {
        long t0 = System.nanoTime();
        Platform p = Platform.open(config, clock);
        try {
            InstanceSettingsService settings = new InstanceSettingsService(new InstanceSettingsStore(p.db().jdbi()), p.mapper(), clock,
                    InstanceDefaults.from(config));
            Accounts accounts = Accounts.wire(config, p, settings);
            Federation.Local local = Federation.Local.wire(config, p);
            Videos videos = Videos.wire(config, p, accounts, local.events());
            Urls urls = new Urls(config);
            Pledges pledges = Pool.pledges(config, p, local);
            Moderation moderation = Moderation.wire(p, accounts, videos, local.events());
            Federation federation = Federation.wire(config, p, accounts, videos, local, videoUrls(urls), pledges, () -> settings.current().name(), moderation);
            SubscriptionService subscriptions = new SubscriptionService(new SubscriptionStore(p.db().jdbi()), accounts.accounts(), clock,
                    config.publicHost(), federation.subscriptions());
            Mirrors mirrors = Mirrors.wire(config, p, federation);
            Pool pool = Pool.wire(p, pledges, local.actors(), federation, mirrors);
            Tracking tracking = Tracking.wire(config, p, videos.videos(), urls, mirrors.catalog());
            Ledgers ledgers = Ledgers.wire(config, p);
            Counter mirrorServed = Counter.builder("tandem_mirror_served_bytes")
                    .description("Body bytes sent from our mirrors of other instances' videos").register(p.registry());
            String ownHost = config.publicHost();
            ServedBytes counted = (uuid, origin, bytes) -> {
                ledgers.served().count(uuid, origin, bytes);
                if (!origin.equals(ownHost)) mirrorServed.increment(bytes);
            };
            MediaFiles mediaFiles = new MediaFiles(videos.videos(), accounts.oauth(), videos.fileTokens(), mirrors.catalog(), counted, ownHost);
            videos.videos().onChanged(changed -> mediaFiles.forget());
            ConnectionBudget budget = connectionBudget(config);
            TrustedProxies proxies = new TrustedProxies(config.trustedProxies());
            Function<String, ConnectionGate> gates = listener -> new ConnectionGate(listener, budget, proxies::trusted);
            TrackerWebSocketServer trackerLoops = Listeners.startTracker(config, gates, tracking);
            HttpServer http;
            try {
                http = Api.start(config, p, settings, accounts, videos, federation, moderation, mirrors, pool, ledgers, tracking, subscriptions, mediaFiles, urls,
                        new HttpServer.Limits(gates.apply("main"), config.connections().headTimeout(), config.connections().idleTimeout()),
                        new FastPaths(new MediaExchange(mediaFiles, p.blobs()), trackerLoops));
            } catch (RuntimeException e) {
                trackerLoops.close();
                throw e;
            }
            Listeners listeners = Listeners.start(config, gates, http, mediaFiles, p, trackerLoops);
            log.info("HTTP ready on port {} after {} ms; loading media tools", http.port(), (System.nanoTime() - t0) / 1_000_000);
            // Unpacking the bundled ffmpeg takes seconds: answer HTTP first (uploads queue jobs), start the workers after.
            try {
                videos.registerJobs(config, p, urls, () -> settings.current().resolutions());
            } catch (RuntimeException e) {
                listeners.close();
                tracking.housekeeping().shutdownNow();
                throw e;
            }
            p.jobs().register(JobQueue.PURGE_DONE, p.jobs()::purgeDone);
            p.jobs().recurring(JobQueue.PURGE_DONE, Duration.ofHours(1));
            federation.registerJobs(p.jobs());
            mirrors.registerJobs(config, p.jobs());
            pool.registerJobs(config, p.jobs());
            ledgers.registerJobs(p.jobs());
            accounts.registerJobs(p.jobs());

            p.jobs().start();
            log.info("Tandem is listening on port {} as {} (data in {}, {} database) — started in {} ms",
                    http.port(), config.publicUrl(), p.data(), p.db().dialect(), (System.nanoTime() - t0) / 1_000_000);
            accounts.createdAdminPassword().ifPresent(pw -> log.warn("""

                    ==============================================================
                      Administrator account created
                        username: root
                        password: {}
                      (shown once; change it with ./tandem admin reset-password)
                    =============================================================="""
                    , pw));
            return new App(config, p, listeners, tracking, federation, mirrors, ledgers, settings, accounts.createdAdminPassword());
        } catch (RuntimeException | IOException e) {
            p.db().close();
            throw e;
        }
    }

    private static ConnectionBudget connectionBudget(Config config) {
        long fds = ConnectionBudget.freeDescriptors();
        ConnectionBudget b = ConnectionBudget.of(fds, config.listenerCount(), config.connections().maxPerListener(), config.connections().maxPerAddress());
        log.info("each listener takes up to {} connections, {} per client address ({} file descriptors free)", b.total(), b.perAddress(), fds);
        return b;
    }

    private static VideoUrls videoUrls(Urls urls) {
        return new VideoUrls() {
            public String masterPlaylist(Video v) { return urls.masterPlaylist(v); }
            public String segmentsSha256(Video v) { return urls.segmentsSha256(v); }
            public String fileUrl(Video v, VideoFile f) { return urls.fileUrl(v, f); }
            public String thumbnailUrl(Video v) { return urls.base() + urls.thumbnailPath(v); }
            public String previewUrl(Video v) { return urls.base() + urls.previewPath(v); }
            public List<String> trackers() { return urls.trackerUrls(); }
            public String torrentUrl(VideoFile f) { return urls.torrentUrl(f); }
            public String magnetUri(Video v, VideoFile f) { return urls.magnetUri(v, f); }
        };
    }

    public int port() { return listeners.http().port(); }
    public JobQueue jobs() { return platform.jobs(); }
    public Database database() { return platform.db(); }
    public Config config() { return config; }
    public Optional<String> createdAdminPassword() { return createdAdminPassword; }
    /** What tells mirrored videos' origins about our mirrors (the mirror package's copy job calls it). */
    public tandem.federation.CacheFileAnnouncer cacheFileAnnouncer() { return federation.cacheFiles(); }
    /** The ledger's byte counters (tests flush them instead of waiting for the flusher). */
    public tandem.mirror.ledger.ServedCounter servedCounter() { return ledgers.served(); }
    /** What stores the hourly storage record (tests run it instead of waiting for its job). */
    public tandem.mirror.ledger.HeldBytes heldBytes() { return ledgers.held(); }
    /** The administrator's instance settings, live. */
    public InstanceSettingsService instanceSettings() { return settings; }

    /** Graceful stop: no new requests, running jobs are put back in the queue, then the pool closes. */
    @Override
    public void close() {
        log.info("stopping Tandem");
        listeners.close();
        ledgers.close(); // the last request is answered: what it sent is counted
        tracking.housekeeping().shutdownNow();
        platform.jobs().close();
        try {
            federation.http().close();
        } catch (Exception e) {
            log.warn("closing the federation HTTP client failed", e);
        }
        mirrors.close();
        platform.db().close();
    }
}
