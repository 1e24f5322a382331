package tandem.federation.inbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tandem.account.Account;
import tandem.account.AccountService;
import tandem.federation.actor.Actor;
import tandem.federation.actor.LocalActors;
import tandem.federation.actor.RemoteActors;
import tandem.federation.vocab.Activity;
import tandem.federation.vocab.FederationException;
import tandem.video.Video;
import tandem.video.VideoService;
import tandem.video.moderation.AbuseReport;
import tandem.video.moderation.Abuses;

import java.net.URI;
import java.util.Optional;

/**
 * A Flag from another instance becomes an abuse report here, for our moderators, when it names one of
 * our videos, comments or accounts (the first of its objects that is ours); a Flag about anything
 * else is refused. The reporter is the sending actor (PeerTube's instance actor).
 */
public final class FlagActivities {
    private static final Logger log = LoggerFactory.getLogger(FlagActivities.class);

    private final RemoteActors actors;
    private final LocalActors local;
    private final VideoService videos;
    private final AccountService accounts;
    private final Abuses abuses;

    public FlagActivities(RemoteActors actors, LocalActors local, VideoService videos, AccountService accounts, Abuses abuses) {
        this.actors = actors;
        this.local = local;
        this.videos = videos;
        this.accounts = accounts;
        this.abuses = abuses;
    }

    public void onFlag(Activity.Flag f) {
        Actor reporter = actors.resolve(f.actor());
        AbuseReport report = null;
        for (String url : f.objects()) {
            report = target(f, url);
            if (report != null) break;
        }
        if (report == null) throw new FederationException("Flag " + f.id() + " names nothing of this instance: " + f.objects());
        Optional<Long> id = abuses.receive(f.id(), reporter.url(), reporter.accountId(), report);
        log.info("Flag {} from {}: {}", f.id(), reporter.handle(), id.map(i -> "abuse " + i).orElse("seen before"));
    }

    /** The report a Flag makes about this URL, or null when the URL names nothing of ours. */
    private AbuseReport target(Activity.Flag f, String url) {
        if (!local.isLocal(url)) return null;
        String reason = f.content().length() > AbuseReport.MAX_REASON ? f.content().substring(0, AbuseReport.MAX_REASON) : f.content();
        var reasons = f.reasons().stream().filter(AbuseReport.PREDEFINED::contains).toList();
        Optional<String> videoId = local.localVideoId(url);
        if (videoId.isPresent()) {
            Optional<Video> v = find(videoId.get()).filter(Video::isLocal);
            return v.map(x -> new AbuseReport(reason, reasons, String.valueOf(x.id()), f.startAt(), f.endAt(), null, null)).orElse(null);
        }
        String[] p = path(url);
        // <base>/videos/watch/<uuid>/comments/<id>
        if (p.length == 6 && "videos".equals(p[1]) && "watch".equals(p[2]) && "comments".equals(p[4]) && p[5].matches("[0-9]{1,18}")) {
            return new AbuseReport(reason, reasons, null, null, null, Long.parseLong(p[5]), null);
        }
        if (p.length == 3 && "accounts".equals(p[1])) {
            Optional<Account> a = accounts.localAccount(p[2]);
            return a.map(x -> new AbuseReport(reason, reasons, null, null, null, null, x.id())).orElse(null);
        }
        return null;
    }

    private Optional<Video> find(String id) {
        try {
            return videos.find(id);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String[] path(String url) {
        try {
            String path = URI.create(url).getRawPath();
            return path == null ? new String[0] : path.split("/");
        } catch (IllegalArgumentException e) {
            return new String[0];
        }
    }
}
