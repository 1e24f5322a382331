package tandem.app;

import tandem.core.SlidingWindowLimiter;
import tandem.video.NotificationStore;
import tandem.video.VideoEvents;
import tandem.video.moderation.AbuseEvents;
import tandem.video.moderation.AbuseMessageStore;
import tandem.video.moderation.AbuseMessages;
import tandem.video.moderation.AbuseStore;
import tandem.video.moderation.Abuses;
import tandem.video.moderation.CommentListing;
import tandem.video.moderation.Mutes;
import tandem.video.moderation.VideoBlockStore;
import tandem.video.moderation.VideoBlocks;

import java.time.Duration;

/** The moderation part of the composition root: abuse reports and their messages, the video blocklist, the moderators' comment list, each user's mutes. */
record Moderation(Abuses abuses, AbuseMessages abuseMessages, VideoBlocks videoBlocks, CommentListing comments, Mutes mutes) {
    /** How many reports one user may file in an hour (PeerTube rate-limits its abuse endpoint too). */
    static final int REPORTS_PER_HOUR = 20;

    static <E extends AbuseEvents & VideoEvents> Moderation wire(Platform p, Accounts a, Videos v, E events) {
        var jdbi = p.db().jdbi();
        AbuseStore abuseStore = new AbuseStore(jdbi);
        Abuses abuses = new Abuses(p.db().transactions(), abuseStore, v.videos(), v.commentStore(), a.accounts(), events,
                new SlidingWindowLimiter(REPORTS_PER_HOUR, Duration.ofHours(1), p.clock()), p.clock());
        AbuseMessages messages = new AbuseMessages(p.db().transactions(), abuseStore, new AbuseMessageStore(jdbi), v.notifications(), p.clock());
        return new Moderation(abuses, messages, new VideoBlocks(p.db().transactions(), new VideoBlockStore(jdbi), v.videos(), events, p.clock()), new CommentListing(jdbi),
                new Mutes(jdbi, a.accounts(), new NotificationStore(jdbi), p.clock()));
    }
}
