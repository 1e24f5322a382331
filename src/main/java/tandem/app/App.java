package tandem.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tandem.account.AccountService;
import tandem.account.AccountStore;
import tandem.account.ChannelEditing;
import tandem.core.SlidingWindowLimiter;
import tandem.account.OAuthService;
import tandem.account.OAuthStore;
import tandem.account.PasswordHasher;
import tandem.account.ProfileEditing;
import tandem.account.ChannelSearch;
import tandem.account.SubscriptionService;
import tandem.account.SubscriptionStore;
import tandem.account.UserAdministration;
import tandem.core.Config;
import tandem.core.Json;
import tandem.db.Database;
import tandem.db.Dialect;
import tandem.federation.actor.ActorStore;
import tandem.federation.FederationEvents;
import tandem.federation.actor.LocalActors;
import tandem.federation.vocab.VideoUrls;
import tandem.http.ActivityPubRoutes;
import tandem.http.ActorToDto;
import tandem.http.FederationAdminRoutes;
import tandem.http.WellKnownRoutes;
import tandem.http.Auth;
import tandem.http.AuthRoutes;
import tandem.http.ChannelRoutes;
import tandem.http.CommentToDto;
import tandem.http.FileSender;
import tandem.http.HttpServer;
import tandem.http.InstanceRoutes;
import tandem.http.JsonIo;
import tandem.http.MediaFiles;
import tandem.http.OEmbedRoutes;
import tandem.http.PlaybackRoutes;
import tandem.http.VideoToOEmbed;
import tandem.http.CaptionRoutes;
import tandem.http.FeedRoutes;
import tandem.http.PlaylistRoutes;
import tandem.http.PlaylistToDto;
import tandem.http.SocialRoutes;
import tandem.http.SubscriptionRoutes;
import tandem.http.TrackerSocket;
import tandem.p2p.TrackerWebSocketServer;
import tandem.http.WebRoutes;
import tandem.net.ZeroCopyMediaServer;
import tandem.p2p.Tracker;
import tandem.p2p.TrackerLimits;
import tandem.http.OpsRoutes;
import tandem.http.Problems;
import tandem.http.StaticRoutes;
import tandem.http.UploadRoutes;
import tandem.http.UserRoutes;
import tandem.http.UserToDto;
import tandem.http.VideoRoutes;
import tandem.http.VideoToDto;
import tandem.http.Urls;
import tandem.job.JobQueue;
import tandem.job.JobStore;
import tandem.media.FfmpegBinaries;
import tandem.media.HlsTranscoder;
import tandem.media.MediaProbe;
import tandem.media.Thumbnailer;
import tandem.storage.BlobStore;
import tandem.storage.LocalBlobStore;
import tandem.video.CaptionService;
import tandem.video.CaptionStore;
import tandem.video.CommentService;
import tandem.video.CommentStore;
import tandem.video.EngagementService;
import tandem.video.EngagementStore;
import tandem.video.MediaLinks;
import tandem.video.PlaybackStats;
import tandem.video.PlaybackStatsStore;
import tandem.video.PlaylistService;
import tandem.video.PlaylistStore;
import tandem.video.ResumableUploads;
import tandem.video.UploadStore;
import tandem.video.UserRemoval;
import tandem.video.Video;
import tandem.video.VideoFile;
import tandem.video.VideoJobs;
import tandem.video.VideoPipeline;
import tandem.video.VideoPrivacy;
import tandem.video.VideoFileTokens;
import tandem.video.VideoFileTokenStore;
import tandem.video.VideoService;
import tandem.video.VideoStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** The composition root: the only place that builds services and wires them together. */
public final class App implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(App.class);

    private final Database db;
    private final JobQueue jobs;
    private final HttpServer http;
    private final ZeroCopyMediaServer mediaServer;
    private final TrackerWebSocketServer trackerServer;
    private final ScheduledExecutorService housekeeping;
    private final Optional<String> createdAdminPassword;
    private final Config config;
    private AutoCloseable federationHttp = () -> { };

    private App(Config config, Database db, JobQueue jobs, HttpServer http, ZeroCopyMediaServer mediaServer,
                TrackerWebSocketServer trackerServer, ScheduledExecutorService housekeeping, Optional<String> createdAdminPassword) {
        this.mediaServer = mediaServer;
        this.trackerServer = trackerServer;
        this.housekeeping = housekeeping;
        this.config = config;
        this.db = db;
        this.jobs = jobs;
        this.http = http;
        this.createdAdminPassword = createdAdminPassword;
    }

    public static App start(Config config) throws IOException {
        return start(config, Clock.systemUTC());
    }

    /** Starts with {@code clock} as every service's time (tests pass one they can advance instead of sleeping). */
    public static App start(Config config, Clock clock) throws IOException {
        long t0 = System.nanoTime();
        Path data = Files.createDirectories(config.dataDir());
        Path tmp = data.resolve("tmp");
        deleteTree(tmp);
        Files.createDirectories(tmp);
        ObjectMapper mapper = Json.newMapper();

        Database db = Database.open(config.databaseUrl());
        try {
            BlobStore blobs = new LocalBlobStore(data.resolve("storage"));
            JobStore jobStore = new JobStore(db.jdbi(), db.dialect());
            JobQueue jobs = new JobQueue(jobStore, db.jdbi(), clock, config.jobLease(), db.dialect() == Dialect.SQLITE);

            AccountStore accountStore = new AccountStore(db.jdbi());
            PasswordHasher hasher = new PasswordHasher(10);
            AccountService accounts = new AccountService(db.transactions(), accountStore, hasher, clock,
                    config.defaultVideoQuota(), config.defaultVideoQuotaDaily());
            OAuthService oauth = new OAuthService(db.transactions(), new OAuthStore(db.jdbi()), accounts, clock);
            UserAdministration userAdmin = new UserAdministration(db.transactions(), accountStore, hasher, oauth);
            oauth.localClient();
            Optional<String> adminPassword = accounts.ensureAdmin(config.adminPassword());

            ActorStore actorStore = new ActorStore(db.jdbi());
            LocalActors localActors = new LocalActors(actorStore, config.publicUrl().toString(), clock);
            FederationEvents federationEvents = new FederationEvents(jobs, localActors);
            VideoStore videoStore = new VideoStore(db.jdbi());
            VideoService videos = new VideoService(db.transactions(), videoStore, accounts, blobs, jobs, clock, config.maxUploadBytes(), federationEvents);
            ResumableUploads resumable = new ResumableUploads(new UploadStore(db.jdbi()), videos, data.resolve("uploads"), clock, mapper, config.uploadAbandonAfter());
            EngagementService engagement = new EngagementService(db.transactions(), new EngagementStore(db.jdbi()), videos, clock, federationEvents);
            CommentStore commentStore = new CommentStore(db.jdbi());
            PlaybackStats playback = new PlaybackStats(new PlaybackStatsStore(db.jdbi()), videos, clock);

            Urls urls = new Urls(config);
            PrometheusMeterRegistry registry = metrics(jobStore);
            Federation federation = Federation.wire(config, mapper, db, jobs, clock, blobs, tmp, accounts, videos, engagement, commentStore,
                    actorStore, localActors, federationEvents, videoUrls(urls), registry);
            JsonIo json = new JsonIo(mapper, config.maxJsonBytes());
            Problems problems = new Problems(json);
            Auth auth = new Auth(oauth);
            SubscriptionService subscriptions = new SubscriptionService(new SubscriptionStore(db.jdbi()), accounts, clock, config.publicHost(), federation.subscriptions());
            ActorToDto actors = new ActorToDto(urls, subscriptions);
            VideoToDto videoDto = new VideoToDto(urls, actors);
            VideoFileTokens fileTokens = new VideoFileTokens(new VideoFileTokenStore(db.jdbi()), clock);
            VideoRoutes videoRoutes = new VideoRoutes(videos, fileTokens, videoDto, json, auth, tmp);
            MediaFiles mediaFiles = new MediaFiles(videos, oauth, fileTokens);
            // PeerTube's tracker.private: by default only our own videos' swarms are served.
            Tracker tracker = new Tracker(config.trackerPrivate() ? new LocalSwarms(videos, urls, clock) : infoHash -> true,
                    TrackerLimits.defaults().withMessagesPerWindow(config.trackerMessagesPerWindow()), clock, mapper);
            bindTrackerMetrics(registry, tracker);
            ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("housekeeping").daemon().factory());
            housekeeping.scheduleAtFixedRate(tracker::sweep, 1, 1, TimeUnit.MINUTES);
            TrackerSocket trackerSocket = new TrackerSocket(tracker);
            housekeeping.scheduleAtFixedRate(trackerSocket::sweep, 1, 1, TimeUnit.MINUTES);
            HttpServer http = new HttpServer(config.bindHost(), config.port(),
                    List.of(new AuthRoutes(oauth, new SlidingWindowLimiter(config.loginAttemptsPerWindow(), config.loginWindow(), clock), json, auth, config.publicHost()),
                            new UploadRoutes(videos, resumable, json, auth, tmp, config.maxUploadBytes(), config.url("/api/v1")),
                            new UserRoutes(accounts, userAdmin, new UserRemoval(userAdmin, videos, engagement, commentStore),
                                    new ProfileEditing(db.transactions(), accountStore, hasher, oauth, federationEvents,
                                            new SlidingWindowLimiter(config.loginAttemptsPerWindow(), config.loginWindow(), clock)), videos,
                                    new UserToDto(accounts, videos, actors), json, auth),
                            videoRoutes,
                            new ChannelRoutes(accounts, new ChannelEditing(db.transactions(), accountStore, federationEvents),
                                    new ChannelSearch(accounts, subscriptions, clock, config.publicHost()), videos, actors, videoRoutes, json, auth, config.publicHost()),
                            new InstanceRoutes(config, accounts, videos, jobStore, playback, json, auth),
                            new SocialRoutes(new CommentService(db.transactions(), commentStore, videos, clock, federationEvents), engagement, videos, new CommentToDto(urls, actors), json, auth),
                            new FederationAdminRoutes(federation.following(), federation.blocks(), accounts, json, auth),
                            new PlaybackRoutes(playback, json, auth),
                            new PlaylistRoutes(new PlaylistService(db.transactions(), new PlaylistStore(db.jdbi()), accounts, videos, clock), accounts, new PlaylistToDto(urls, actors, videoDto), json, auth, tmp),
                            new CaptionRoutes(new CaptionService(new CaptionStore(db.jdbi()), videos, blobs, clock), json, auth, tmp),
                            new SubscriptionRoutes(subscriptions, videos, videoRoutes, actors, json, auth)),
                    List.of(new StaticRoutes(new FileSender(blobs), mediaFiles), new FeedRoutes(videos, urls, config),
                            new WellKnownRoutes(federation.discovery(), () -> nodeinfo(federation, config, accounts, videos)),
                            new ActivityPubRoutes(federation.documents(), federation.inbox()),
                            new WebRoutes(videos, urls),
                            new OEmbedRoutes(videos, new VideoToOEmbed(urls, config.instanceName()), urls, json),
                            new OpsRoutes(registry, () -> ping(db), json)),
                    Map.of("/tracker/socket", trackerSocket),
                    problems, registry).start();
            ZeroCopyMediaServer mediaServer = null;
            TrackerWebSocketServer trackerServer = null;
            try {
                if (config.mediaListener()) mediaServer = new ZeroCopyMediaServer(config.bindHost(), config.mediaPort(), mediaFiles, blobs).start();
                if (config.trackerListener()) {
                    trackerServer = new TrackerWebSocketServer(config.bindHost(), config.trackerPort(), tracker, TrackerLimits.defaults().peerIdle()).start();
                }
            } catch (IOException e) {
                http.close();
                if (mediaServer != null) mediaServer.close();
                if (trackerServer != null) trackerServer.close();
                throw e;
            }
            log.info("HTTP ready on port {} after {} ms; loading media tools", http.port(), (System.nanoTime() - t0) / 1_000_000);
            // Unpacking the bundled ffmpeg takes seconds: answer HTTP first (uploads queue jobs), start the workers after.
            VideoPipeline pipeline;
            try {
                FfmpegBinaries ffmpeg = new FfmpegBinaries(config.ffmpegCacheDir());
                pipeline = new VideoPipeline(db.transactions(), videoStore, blobs, new MediaProbe(ffmpeg), new HlsTranscoder(ffmpeg),
                        new Thumbnailer(ffmpeg), mediaLinks(urls), tmp.resolve("work"), clock, federationEvents);
            } catch (RuntimeException e) {
                http.close();
                if (mediaServer != null) mediaServer.close();
                if (trackerServer != null) trackerServer.close();
                throw e;
            }
            jobs.register(VideoJobs.TORRENT, pipeline::torrent);
            jobs.register(VideoJobs.THUMBNAIL, pipeline::thumbnail);
            jobs.register(VideoJobs.transcode(config.transcodeConcurrency()), pipeline.transcode());
            jobs.register(VideoJobs.DELETE_FILES, pipeline::deleteFiles);
            jobs.register(VideoJobs.PURGE_UPLOADS, (job, none) -> resumable.purgeAbandoned());
            jobs.recurring(VideoJobs.PURGE_UPLOADS, Duration.ofMinutes(10));
            jobs.register(JobQueue.PURGE_DONE, jobs::purgeDone);
            jobs.recurring(JobQueue.PURGE_DONE, Duration.ofHours(1));
            federation.registerJobs(jobs);

            jobs.start();
            log.info("Tandem is listening on port {} as {} (data in {}, {} database) — started in {} ms",
                    http.port(), config.publicUrl(), data, db.dialect(), (System.nanoTime() - t0) / 1_000_000);
            adminPassword.ifPresent(p -> log.warn("""

                    ==============================================================
                      Administrator account created
                        username: root
                        password: {}
                      (shown once; change it with ./tandem admin reset-password)
                    =============================================================="""
                    , p));
            App app = new App(config, db, jobs, http, mediaServer, trackerServer, housekeeping, adminPassword);
            app.federationHttp = federation.http();
            return app;
        } catch (RuntimeException | IOException e) {
            db.close();
            throw e;
        }
    }

    private static byte[] nodeinfo(Federation federation, Config config, AccountService accounts, VideoService videos) {
        return federation.discovery().nodeinfo(tandem.http.ServerConfigDto.SERVER_VERSION, config.instanceName(), accounts.countUsers(), videos.countLocal(), 0, false)
                .toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static VideoUrls videoUrls(Urls urls) {
        return new VideoUrls() {
            public String masterPlaylist(Video v) { return urls.masterPlaylist(v); }
            public String segmentsSha256(Video v) { return urls.segmentsSha256(v); }
            public String fileUrl(Video v, VideoFile f) { return urls.fileUrl(v, f); }
            public String thumbnailUrl(Video v) { return urls.base() + urls.thumbnailPath(v); }
            public String previewUrl(Video v) { return urls.base() + urls.previewPath(v); }
            public List<String> trackers() { return urls.trackerUrls(); }
        };
    }

    private static MediaLinks mediaLinks(Urls urls) {
        return new MediaLinks() {
            @Override
            public List<String> trackers() {
                return urls.trackerUrls();
            }

            @Override
            public String webSeed(Video video, VideoFile file) {
                return video.privacy() == VideoPrivacy.PRIVATE ? null : urls.fileUrl(video, file);
            }
        };
    }

    private static PrometheusMeterRegistry metrics(JobStore jobStore) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        for (String state : List.of("pending", "running", "done", "dead")) {
            Gauge.builder("tandem_jobs", jobStore, s -> s.countByState().getOrDefault(state, 0L))
                    .tag("state", state).description("Jobs in the durable queue by state").register(registry);
        }
        return registry;
    }

    private static void bindTrackerMetrics(PrometheusMeterRegistry registry, Tracker tracker) {
        Gauge.builder("tandem_tracker_peers", tracker, t -> t.stats().peers()).description("Peers in all swarms").register(registry);
        Gauge.builder("tandem_tracker_swarms", tracker, t -> t.stats().swarms()).description("Active swarms").register(registry);
        Gauge.builder("tandem_tracker_connections", tracker, t -> t.stats().connections()).description("Open tracker sockets").register(registry);
        io.micrometer.core.instrument.FunctionCounter.builder("tandem_tracker_announces", tracker, t -> t.stats().announces()).register(registry);
        io.micrometer.core.instrument.FunctionCounter.builder("tandem_tracker_rejected", tracker, t -> t.stats().rejected()).register(registry);
    }

    private static boolean ping(Database db) {
        try {
            return db.ping();
        } catch (RuntimeException e) {
            log.warn("health check: database unreachable", e);
            return false;
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    public int port() { return http.port(); }
    public JobQueue jobs() { return jobs; }
    public Database database() { return db; }
    public Config config() { return config; }
    public Optional<String> createdAdminPassword() { return createdAdminPassword; }

    /** Graceful stop: no new requests, running jobs are put back in the queue, then the pool closes. */
    @Override
    public void close() {
        log.info("stopping Tandem");
        http.close();
        if (mediaServer != null) mediaServer.close();
        if (trackerServer != null) trackerServer.close();
        housekeeping.shutdownNow();
        jobs.close();
        try {
            federationHttp.close();
        } catch (Exception e) {
            log.warn("closing the federation HTTP client failed", e);
        }
        db.close();
    }
}
