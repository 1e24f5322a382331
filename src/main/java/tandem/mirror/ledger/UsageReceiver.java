package tandem.mirror.ledger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tandem.db.Transactions;
import tandem.federation.UsageDelivery;
import tandem.federation.actor.Actor;
import tandem.federation.inbox.UsageSink;
import tandem.federation.vocab.Activity;
import tandem.federation.vocab.FederationException;
import tandem.federation.vocab.Texts;
import tandem.federation.vocab.Usage;
import tandem.video.Video;
import tandem.video.VideoService;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Both ends of a usage report once its sender is authenticated as an instance actor. As the origin:
 * the whole report is refused with its reason (an hour not complete, in the future or older than
 * 30 days; a video not ours; a host that neither holds a mirror of it we know of nor was seen
 * serving it by our players; an absurd figure; a second report for the same hour), or stored with
 * our players' figure and a flag where the claim is far above it (see {@link UsageRules}), and
 * answered with a `UsageStatement`. As the mirror: the origin's statement is stored on our report.
 */
public final class UsageReceiver implements UsageSink {
    private static final Logger log = LoggerFactory.getLogger(UsageReceiver.class);

    private final UsageReportStore store;
    private final UsageDelivery delivery;
    private final VideoService videos;
    private final Transactions transactions;
    private final Clock clock;

    public UsageReceiver(UsageReportStore store, UsageDelivery delivery, VideoService videos, Transactions transactions, Clock clock) {
        this.store = store;
        this.delivery = delivery;
        this.videos = videos;
        this.transactions = transactions;
        this.clock = clock;
    }

    private record Line(Video video, Usage.Answer answer) {}

    @Override
    public void onReport(Actor from, Activity.UsageReport r) {
        String host = from.host();
        long hour = r.hour().toEpochMilli();
        long now = clock.millis();
        String problem = UsageRules.hourProblem(hour, now);
        if (problem != null) throw refused(r, problem);
        if (store.any("received", host, hour)) throw refused(r, "duplicate: " + host + " already reported hour " + r.hour());
        List<Line> lines = new ArrayList<>();
        for (Usage.Claim c : r.usage()) lines.add(judge(r, host, hour, c));
        // Read before the transaction: creating our actor takes a connection of its own.
        Actor us = delivery.us();
        transactions.useTransaction(h -> {
            for (Line l : lines) {
                Usage.Answer a = l.answer();
                if (!store.insert(h, "received", host, l.video().uuid(), hour, a.bytes(), a.heldBytes(), a.originBytes(), a.flag(), r.id(), now, now)) {
                    throw refused(r, "duplicate: " + host + " already reported hour " + r.hour());
                }
            }
            delivery.answer(h, us, from, r.id(), r.hour(), lines.stream().map(Line::answer).toList());
        });
        long flagged = lines.stream().filter(l -> l.answer().flag() != null).count();
        log.info("usage report of {} for {}: {} video(s), {} flagged", host, r.hour(), lines.size(), flagged);
    }

    private Line judge(Activity.UsageReport r, String host, long hour, Usage.Claim c) {
        Video v = delivery.localVideoId(c.video()).flatMap(videos::find).filter(Video::isLocal)
                .orElseThrow(() -> refused(r, "video " + c.video() + " is not ours"));
        long players = store.playersBytes(v.id(), hour, host);
        boolean mirrors = store.mirrorActors(v.id()).stream().anyMatch(a -> host.equals(Texts.hostOf(a)));
        // A mirror withdrawn since (its CacheFile undone) still served the hour it reports if our players saw it do so.
        if (!mirrors && players == 0) throw refused(r, host + " holds no mirror of video " + c.video() + " that we know of, and no player of ours saw it serve the video that hour");
        String absurd = UsageRules.absurd(c.bytes(), c.heldBytes(), store.videoSize(v.id()));
        if (absurd != null) throw refused(r, "video " + c.video() + ": " + absurd);
        return new Line(v, new Usage.Answer(c.video(), c.bytes(), c.heldBytes(), players, UsageRules.flag(c.bytes(), players, host)));
    }

    @Override
    public void onStatement(Actor from, Activity.UsageStatement s) {
        String host = from.host();
        long hour = s.hour().toEpochMilli();
        if (!s.report().equals(delivery.reportId(host, s.hour()))) {
            throw new FederationException("UsageStatement " + s.id() + " refused: it answers " + s.report() + ", not our report to " + host + " for " + s.hour());
        }
        List<String> uuids = new ArrayList<>();
        for (Usage.Answer a : s.usage()) {
            uuids.add(store.remoteUuid(a.video()).orElseThrow(() -> new FederationException(
                    "UsageStatement " + s.id() + " refused: video " + a.video() + " is unknown here")));
        }
        long now = clock.millis();
        transactions.useTransaction(h -> {
            for (int i = 0; i < uuids.size(); i++) {
                Usage.Answer a = s.usage().get(i);
                if (!store.answer(h, host, uuids.get(i), hour, a.bytes(), a.originBytes(), a.flag(), now)) {
                    throw new FederationException("UsageStatement " + s.id() + " refused: no unanswered line of ours claiming " + a.bytes()
                            + " bytes of " + a.video() + " for " + s.hour());
                }
            }
        });
        long flagged = s.usage().stream().filter(a -> a.flag() != null).count();
        if (flagged > 0) log.warn("{} flagged {} of our {} usage claim(s) for {}", host, flagged, s.usage().size(), s.hour());
        else log.info("{} agreed with our usage report for {}", host, s.hour());
    }

    private static FederationException refused(Activity.UsageReport r, String why) {
        return new FederationException("UsageReport " + r.id() + " refused: " + why);
    }
}
