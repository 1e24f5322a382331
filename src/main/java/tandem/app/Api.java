package tandem.app;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tandem.account.ChannelEditing;
import tandem.account.ChannelSearch;
import tandem.account.ProfileEditing;
import tandem.account.RemoteLookupLimit;
import tandem.account.SubscriptionService;
import tandem.core.Config;
import tandem.instance.InstanceSettingsService;
import tandem.core.SlidingWindowLimiter;
import tandem.http.AbuseToDto;
import tandem.http.ActivityPubRoutes;
import tandem.http.ActorToDto;
import tandem.http.CustomConfigRoutes;
import tandem.http.Auth;
import tandem.http.AuthRoutes;
import tandem.http.CaptionRoutes;
import tandem.http.ChannelRoutes;
import tandem.http.ClientRoutes;
import tandem.http.ClientAddress;
import tandem.http.CommentToDto;
import tandem.http.FederationAdminRoutes;
import tandem.http.FeedRoutes;
import tandem.http.FileSender;
import tandem.http.FastPaths;
import tandem.http.LedgerRoutes;
import tandem.http.MirrorAdminRoutes;
import tandem.http.ModerationRoutes;
import tandem.http.MuteRoutes;
import tandem.http.PoolRoutes;
import tandem.job.NoPayload;
import tandem.mirror.pool.PoolJobs;
import tandem.mirror.MirrorHosts;
import tandem.http.HttpServer;
import tandem.http.InstanceRoutes;
import tandem.http.JsonIo;
import tandem.http.MediaFiles;
import tandem.http.ActorImageRoutes;
import tandem.account.ActorImages;
import tandem.media.ImageCropper;
import tandem.http.OEmbedRoutes;
import tandem.http.OpsRoutes;
import tandem.http.PlaybackRoutes;
import tandem.http.RegistrationRoutes;
import tandem.http.RemoteHashRoutes;
import tandem.http.PlaylistRoutes;
import tandem.http.HistoryRoutes;
import tandem.http.FeedTokenRoutes;
import tandem.account.FeedTokens;
import tandem.http.NotificationRoutes;
import tandem.http.PlaylistToDto;
import tandem.http.Problems;
import tandem.http.ServerConfigDto;
import tandem.http.SocialRoutes;
import tandem.http.StaticRoutes;
import tandem.http.SubscriptionRoutes;
import tandem.http.UploadRoutes;
import tandem.http.Urls;
import tandem.http.UserRoutes;
import tandem.http.UserToDto;
import tandem.http.VideoManageRoutes;
import tandem.http.VideoRoutes;
import tandem.http.VideoToDto;
import tandem.http.VideoToOEmbed;
import tandem.http.WebRoutes;
import tandem.http.WellKnownRoutes;
import tandem.net.TrustedProxies;
import tandem.video.UserRemoval;
import tandem.video.VideoSearch;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** The HTTP half of the composition root: every route table, with the mappers and limits they are built with. */
final class Api {
    private static final Logger log = LoggerFactory.getLogger(Api.class);

    private Api() {}

    /** Builds the routes and starts the main listener; `mediaFiles` is shared with the zero-copy listener. */
    static HttpServer start(Config config, Platform p, InstanceSettingsService settings, Accounts a, Videos v, Federation federation, Moderation moderation, Mirrors mirrors, Pool pool, Ledgers ledgers, Tracking tracking,
                            SubscriptionService subscriptions, MediaFiles mediaFiles, Urls urls, HttpServer.Limits limits, FastPaths fast) {
        var clock = p.clock();
        var accounts = a.accounts();
        var videos = v.videos();
        var events = federation.events();
        JsonIo json = new JsonIo(p.mapper(), config.maxJsonBytes());
        FeedTokens feedTokens = new FeedTokens(p.db().jdbi(), clock);
        Auth auth = new Auth(a.oauth());
        ClientAddress clientAddress = new ClientAddress(new TrustedProxies(config.trustedProxies()));
        ActorToDto actors = new ActorToDto(urls, subscriptions, a.imageStore());
        ActorImages actorImages = new ActorImages(p.db().transactions(), a.imageStore(), a.imageFiles(),
                () -> new ImageCropper(v.ffmpeg().get()), events, p.tmp().resolve("actor-images"), clock);
        VideoToDto videoDto = new VideoToDto(urls, actors);
        // One budget per user for every lookup on other instances, channels and videos together.
        RemoteLookupLimit lookups = new RemoteLookupLimit(clock);
        MirrorHosts mirrorHosts = mirrors.hosts();
        VideoRoutes videoRoutes = new VideoRoutes(videos, new VideoSearch(videos, federation.videoLookups(), lookups, config.publicHost()),
                v.fileTokens(), videoDto, mirrors.directory(), federation.origins(), json, auth, p.tmp(), v.stills(), v.schedules(), moderation.videoBlocks(), v.history());
        WebRoutes webRoutes = new WebRoutes(videos, urls);
        return new HttpServer(config.bindHost(), config.port(),
                List.of(new AuthRoutes(a.oauth(), clientAddress, json, auth, config.publicHost()),
                        new UploadRoutes(videos, v.uploads(), json, auth, p.tmp(), config.maxUploadBytes(), config.url("/api/v1")),
                        new RegistrationRoutes(a.registrations(), a.resets(), a.verifications(), json, auth),
                        new ActorImageRoutes(actorImages, accounts, urls, json, auth, p.tmp()),
                        // Before UserRoutes: its /users/{id} would take /users/scoped-tokens.
                        new FeedTokenRoutes(feedTokens, json, auth),
                        new UserRoutes(accounts, a.admin(), new UserRemoval(a.admin(), videos, v.engagement(), v.commentStore()),
                                new ProfileEditing(p.db().transactions(), a.store(), a.hasher(), a.oauth(), events, passwordChangeLimiter(config, p),
                                        a.verifications(), () -> settings.current().signup().requiresEmailVerification()), videos,
                                new UserToDto(accounts, videos, actors), json, auth),
                        // Before the video routes: their /videos/{id} would take /videos/blacklist and /videos/comments.
                        new ModerationRoutes(moderation.abuses(), moderation.abuseMessages(), moderation.videoBlocks(), moderation.comments(), new AbuseToDto(actors, urls),
                                videoDto, json, auth),
                        new MuteRoutes(moderation.mutes(), accounts, actors, json, auth, config.publicHost()),
                        videoRoutes,
                        new ChannelRoutes(accounts, new ChannelEditing(p.db().transactions(), a.store(), events, clock, a.imageRemoval()),
                                new ChannelSearch(accounts, subscriptions, lookups, config.publicHost()), subscriptions, videos, actors, videoRoutes,
                                json, auth, urls),
                        new CustomConfigRoutes(settings, () -> p.db().transactions().useTransaction(events::instanceUpdated), json, auth),
                        new InstanceRoutes(config, settings::current, accounts, videos, p.jobStore(), v.playback(), () -> mirrors.listing().stats(mirrors.policy()), json, auth),
                        new SocialRoutes(v.comments(), v.engagement(), videos, new CommentToDto(urls, actors), json, auth, clientAddress),
                        new FederationAdminRoutes(federation.following(), federation.blocks(), accounts, mirrorHosts, json, auth,
                                () -> p.jobs().enqueue(PoolJobs.PLAN, NoPayload.NONE)),
                        new PoolRoutes(pool.pledges(), pool.view(), pool.pressure(), federation.signedRequests(), config.publicUrl().toString(), json, auth, clock),
                        new MirrorAdminRoutes(mirrorHosts, mirrors.service(), mirrors.listing(), mirrors.policy(), config.mirrors(), json, auth),
                        new LedgerRoutes(ledgers.ledger(), json, auth),
                        new PlaybackRoutes(v.playback(), json, auth),
                        new PlaylistRoutes(v.playlists(), accounts, new PlaylistToDto(urls, actors, videoDto), json, auth, p.tmp()),
                        new CaptionRoutes(v.captions(), json, auth, p.tmp()),
                        new VideoManageRoutes(v.chapters(), v.stills(), urls, json, auth),
                        new SubscriptionRoutes(subscriptions, videos, videoRoutes, actors, json, auth),
                        new HistoryRoutes(v.history(), videoDto, json, auth),
                        new NotificationRoutes(v.notifications(), urls, actors, json, auth)),
                List.of(new RemoteHashRoutes(videos, federation.remoteVideos()), new StaticRoutes(new FileSender(p.blobs()), mediaFiles, a.imageStore(), a.imageFiles(),
                                (url, max) -> federation.http().fetchBytes(java.net.URI.create(url), max)),
                        new FeedRoutes(videos, urls, () -> settings.current().name(), feedTokens),
                        new WellKnownRoutes(federation.discovery(), () -> nodeinfo(federation, settings, a, v)),
                        new ActivityPubRoutes(federation.documents(), federation.inbox(), federation.cacheFileDocuments()),
                        webRoutes,
                        new OEmbedRoutes(videos, new VideoToOEmbed(urls, () -> settings.current().name()), urls, json),
                        new OpsRoutes(p.registry(), () -> ping(p), json),
                        new ClientRoutes(webRoutes::appShell)),
                Map.of("/tracker/socket", tracking.socket()),
                new Problems(json), p.registry(), limits, fast, Api::exitForRestart).start();
    }

    /** The listener could not come back: end the process so that its supervisor starts a fresh one, rather than live on deaf. */
    private static void exitForRestart() {
        log.error("exiting: without its HTTP listener this process serves nobody");
        System.exit(70);
    }

    /** Each user may try as many password changes in a window as an address may fail logins. */
    private static SlidingWindowLimiter passwordChangeLimiter(Config config, Platform p) {
        return new SlidingWindowLimiter(config.loginAttemptsPerWindow(), config.loginWindow(), p.clock());
    }

    private static byte[] nodeinfo(Federation federation, InstanceSettingsService settings, Accounts a, Videos v) {
        return federation.discovery().nodeinfo(ServerConfigDto.SERVER_VERSION, settings.current().name(), a.accounts().countUsers(),
                v.videos().countLocal(), 0, settings.current().signup().policy() != tandem.instance.InstanceSettings.SignupPolicy.CLOSED).toString().getBytes(StandardCharsets.UTF_8);
    }

    private static boolean ping(Platform p) {
        try {
            return p.db().ping();
        } catch (RuntimeException e) {
            log.warn("health check: database unreachable", e);
            return false;
        }
    }
}
