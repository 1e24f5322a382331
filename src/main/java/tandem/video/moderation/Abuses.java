package tandem.video.moderation;

import tandem.account.Account;
import tandem.account.AccountService;
import tandem.account.User;
import tandem.core.Page;
import tandem.core.Problem;
import tandem.core.SlidingWindowLimiter;
import tandem.db.Transactions;
import tandem.video.Comment;
import tandem.video.CommentStore;
import tandem.video.Video;
import tandem.video.VideoService;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Abuse reports (PeerTube's `/abuses`): users report a video, a comment or an account; moderators
 * list them and accept or reject them. A report about another instance's object is sent there as a
 * Flag ({@link AbuseEvents}); a Flag from another instance about one of ours becomes a report here.
 */
public final class Abuses {
    private final Transactions transactions;
    private final AbuseStore store;
    private final VideoService videos;
    private final CommentStore comments;
    private final AccountService accounts;
    private final AbuseEvents events;
    private final SlidingWindowLimiter limiter;
    private final Clock clock;

    public Abuses(Transactions transactions, AbuseStore store, VideoService videos, CommentStore comments, AccountService accounts,
                  AbuseEvents events, SlidingWindowLimiter limiter, Clock clock) {
        this.transactions = transactions;
        this.store = store;
        this.videos = videos;
        this.comments = comments;
        this.accounts = accounts;
        this.events = events;
        this.limiter = limiter;
        this.clock = clock;
    }

    /** What a report names, resolved to our rows. */
    private record Target(Video video, Comment comment, Account account) {
        boolean remote() {
            if (comment != null) return comment.url() != null;
            if (video != null) return !video.isLocal();
            return account.host() != null;
        }
    }

    /** A signed-in user's report; returns its id. Rate limited per user (429 with Retry-After past the limit). */
    public long report(User reporter, AbuseReport r) {
        validate(r);
        Target t = resolve(r);
        if (t.video() == null && t.comment() == null && t.account().id() == reporter.accountId()) {
            throw Problem.badRequest("You cannot report your own account");
        }
        String key = "abuse:" + reporter.id();
        if (!limiter.tryAcquire(key)) throw Problem.tooManyRequests("Too many reports: try again later", limiter.retryAfterSeconds(key));
        return transactions.inTransaction(h -> {
            long id = store.insert(h, row(t, r, reporter.accountId(), null, null), clock.millis());
            if (t.remote()) events.reportedRemote(h, id);
            return id;
        });
    }

    /**
     * A Flag from another instance about one of our objects (federation resolved the URLs to ids);
     * a Flag seen before (same activity id) adds nothing. Returns the report's id, if one was made.
     */
    public Optional<Long> receive(String flagUrl, String reporterUrl, Long reporterAccountId, AbuseReport r) {
        Target t = resolve(r);
        if (t.remote()) throw Problem.badRequest("Only reports about this instance's objects are accepted");
        return transactions.inTransaction(h -> {
            if (store.flagSeen(h, flagUrl)) return Optional.<Long>empty();
            return Optional.of(store.insert(h, row(t, r, reporterAccountId, reporterUrl, flagUrl), clock.millis()));
        });
    }

    private static AbuseStore.NewAbuse row(Target t, AbuseReport r, Long reporterAccountId, String reporterUrl, String flagUrl) {
        Video v = t.video();
        Comment c = t.comment();
        return new AbuseStore.NewAbuse(reporterAccountId, reporterUrl, t.account().id(), v == null ? null : v.id(), v == null ? null : v.name(),
                c == null ? null : c.id(), c == null ? null : c.text(), r.reason().trim(),
                r.predefinedReasons() == null ? List.of() : r.predefinedReasons().stream().distinct().toList(),
                v == null ? null : r.startAt(), v == null ? null : r.endAt(), flagUrl);
    }

    private static void validate(AbuseReport r) {
        if (r.reason() == null || r.reason().trim().length() < AbuseReport.MIN_REASON || r.reason().length() > AbuseReport.MAX_REASON) {
            throw Problem.invalidParam("reason", "Should have a reason of " + AbuseReport.MIN_REASON + " to " + AbuseReport.MAX_REASON + " characters");
        }
        if (r.predefinedReasons() != null) {
            for (String p : r.predefinedReasons()) {
                if (!AbuseReport.PREDEFINED.contains(p)) throw Problem.invalidParam("predefinedReasons", "Unknown reason " + p + ": should be one of " + AbuseReport.PREDEFINED);
            }
        }
        if (r.startAt() != null && r.startAt() < 0) throw Problem.invalidParam("video.startAt", "Should be a number of seconds, 0 or more");
        if (r.endAt() != null && (r.endAt() < 0 || r.startAt() != null && r.endAt() < r.startAt())) {
            throw Problem.invalidParam("video.endAt", "Should be a number of seconds after startAt");
        }
    }

    private Target resolve(AbuseReport r) {
        int given = (r.videoId() != null ? 1 : 0) + (r.commentId() != null ? 1 : 0) + (r.accountId() != null ? 1 : 0);
        if (given == 0) throw Problem.invalidParam("video", "Give the video, the comment or the account to report");
        if (given > 1) throw Problem.invalidParam("video", "Report one video, comment or account at a time");
        if (r.videoId() != null) {
            Video v = videos.find(r.videoId()).orElseThrow(() -> Problem.notFound("Video not found"));
            return new Target(v, null, v.channel().account());
        }
        if (r.commentId() != null) {
            Comment c = comments.byId(r.commentId()).filter(x -> !x.deleted()).orElseThrow(() -> Problem.notFound("Comment not found"));
            return new Target(null, c, c.account());
        }
        Account a = accounts.account(r.accountId()).orElseThrow(() -> Problem.notFound("Account not found"));
        return new Target(null, null, a);
    }

    public Optional<Abuse> find(long id) {
        return store.byId(id);
    }

    /** PeerTube's `filter` of the moderators' list. */
    public static final List<String> KINDS = List.of("video", "comment", "account");
    /** PeerTube's `videoIs` of the moderators' list. */
    public static final List<String> VIDEO_IS = List.of("deleted", "blacklisted");

    /** A page of every report (moderators), newest first, narrowed by the filter; a filter word PeerTube does not know is a 400. */
    public Page<Abuse> list(AbuseFilter f, int start, int count) {
        check(f);
        return new Page<>(store.count(f), store.list(f, start, count));
    }

    /** A page of one user's own reports, narrowed by the filter. */
    public Page<Abuse> reportedBy(long accountId, AbuseFilter f, int start, int count) {
        return list(f.reportedBy(accountId), start, count);
    }

    private static void check(AbuseFilter f) {
        if (f.kind() != null && !KINDS.contains(f.kind())) throw Problem.invalidParam("filter", "Should be one of " + KINDS);
        if (f.videoIs() != null && !VIDEO_IS.contains(f.videoIs())) throw Problem.invalidParam("videoIs", "Should be one of " + VIDEO_IS);
        if (f.predefinedReason() != null && !AbuseReport.PREDEFINED.contains(f.predefinedReason())) {
            throw Problem.invalidParam("predefinedReason", "Should be one of " + AbuseReport.PREDEFINED);
        }
        if (f.id() != null && f.id() < 1) throw Problem.invalidParam("id", "Should have a valid id");
    }

    /** A moderator's decision: a new state and/or a comment; 404 when there is no such report. */
    public void update(long id, AbuseState state, String moderationComment) {
        if (moderationComment != null && (moderationComment.length() < 2 || moderationComment.length() > AbuseReport.MAX_REASON)) {
            throw Problem.invalidParam("moderationComment", "Should have 2 to " + AbuseReport.MAX_REASON + " characters");
        }
        if (!store.update(id, state, moderationComment, clock.millis())) throw Problem.notFound("Abuse not found");
    }

    public void delete(long id) {
        if (!store.delete(id)) throw Problem.notFound("Abuse not found");
    }
}
