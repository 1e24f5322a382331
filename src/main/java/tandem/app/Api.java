package tandem.app;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tandem.account.ChannelEditing;
import tandem.account.ChannelSearch;
import tandem.account.ProfileEditing;
import tandem.account.RemoteLookupLimit;
import tandem.account.SubscriptionService;
import tandem.core.Config;
import tandem.core.SlidingWindowLimiter;
import tandem.http.ActivityPubRoutes;
import tandem.http.ActorToDto;
import tandem.http.Auth;
import tandem.http.AuthRoutes;
import tandem.http.CaptionRoutes;
import tandem.http.ChannelRoutes;
import tandem.http.ClientAddress;
import tandem.http.CommentToDto;
import tandem.http.FederationAdminRoutes;
import tandem.http.FeedRoutes;
import tandem.http.FileSender;
import tandem.http.FastPaths;
import tandem.http.MirrorAdminRoutes;
import tandem.mirror.MirrorHostStore;
import tandem.mirror.MirrorHosts;
import tandem.http.HttpServer;
import tandem.http.InstanceRoutes;
import tandem.http.JsonIo;
import tandem.http.MediaFiles;
import tandem.http.OEmbedRoutes;
import tandem.http.OpsRoutes;
import tandem.http.PlaybackRoutes;
import tandem.http.PlaylistRoutes;
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
    static HttpServer start(Config config, Platform p, Accounts a, Videos v, Federation federation, Tracking tracking,
                            SubscriptionService subscriptions, MediaFiles mediaFiles, Urls urls, HttpServer.Limits limits, FastPaths fast) {
        var clock = p.clock();
        var accounts = a.accounts();
        var videos = v.videos();
        var events = federation.events();
        JsonIo json = new JsonIo(p.mapper(), config.maxJsonBytes());
        Auth auth = new Auth(a.oauth());
        ClientAddress clientAddress = new ClientAddress(new TrustedProxies(config.trustedProxies()));
        ActorToDto actors = new ActorToDto(urls, subscriptions);
        VideoToDto videoDto = new VideoToDto(urls, actors);
        // One budget per user for every lookup on other instances, channels and videos together.
        RemoteLookupLimit lookups = new RemoteLookupLimit(clock);
        MirrorHosts mirrorHosts = new MirrorHosts(new MirrorHostStore(p.db().jdbi()), federation.following(), clock);
        VideoRoutes videoRoutes = new VideoRoutes(videos, new VideoSearch(videos, federation.videoLookups(), lookups, config.publicHost()),
                v.fileTokens(), videoDto, json, auth, p.tmp());
        return new HttpServer(config.bindHost(), config.port(),
                List.of(new AuthRoutes(a.oauth(), clientAddress, json, auth, config.publicHost()),
                        new UploadRoutes(videos, v.uploads(), json, auth, p.tmp(), config.maxUploadBytes(), config.url("/api/v1")),
                        new UserRoutes(accounts, a.admin(), new UserRemoval(a.admin(), videos, v.engagement(), v.commentStore()),
                                new ProfileEditing(p.db().transactions(), a.store(), a.hasher(), a.oauth(), events, passwordChangeLimiter(config, p)), videos,
                                new UserToDto(accounts, videos, actors), json, auth),
                        videoRoutes,
                        new ChannelRoutes(accounts, new ChannelEditing(p.db().transactions(), a.store(), events),
                                new ChannelSearch(accounts, subscriptions, lookups, config.publicHost()), subscriptions, videos, actors, videoRoutes,
                                json, auth, urls),
                        new InstanceRoutes(config, accounts, videos, p.jobStore(), v.playback(), json, auth),
                        new SocialRoutes(v.comments(), v.engagement(), videos, new CommentToDto(urls, actors), json, auth, clientAddress),
                        new FederationAdminRoutes(federation.following(), federation.blocks(), accounts, mirrorHosts, json, auth),
                        new MirrorAdminRoutes(mirrorHosts, json, auth),
                        new PlaybackRoutes(v.playback(), json, auth),
                        new PlaylistRoutes(v.playlists(), accounts, new PlaylistToDto(urls, actors, videoDto), json, auth, p.tmp()),
                        new CaptionRoutes(v.captions(), json, auth, p.tmp()),
                        new SubscriptionRoutes(subscriptions, videos, videoRoutes, actors, json, auth)),
                List.of(new StaticRoutes(new FileSender(p.blobs()), mediaFiles), new FeedRoutes(videos, urls, config),
                        new WellKnownRoutes(federation.discovery(), () -> nodeinfo(federation, config, a, v)),
                        new ActivityPubRoutes(federation.documents(), federation.inbox()),
                        new WebRoutes(videos, urls),
                        new OEmbedRoutes(videos, new VideoToOEmbed(urls, config.instanceName()), urls, json),
                        new OpsRoutes(p.registry(), () -> ping(p), json)),
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

    private static byte[] nodeinfo(Federation federation, Config config, Accounts a, Videos v) {
        return federation.discovery().nodeinfo(ServerConfigDto.SERVER_VERSION, config.instanceName(), a.accounts().countUsers(),
                v.videos().countLocal(), 0, false).toString().getBytes(StandardCharsets.UTF_8);
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
