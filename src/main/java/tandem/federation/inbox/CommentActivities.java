package tandem.federation.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tandem.db.Transactions;
import tandem.video.Comment;
import tandem.video.CommentService;
import tandem.video.CommentStore;
import tandem.video.VideoEvents;
import tandem.video.Notifications;
import tandem.video.Video;
import tandem.video.VideoService;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tandem.federation.actor.Actor;
import tandem.federation.actor.Blocklist;
import tandem.federation.actor.LocalActors;
import tandem.federation.actor.ObjectFetcher;
import tandem.federation.actor.RemoteActors;
import tandem.federation.actor.RemoteVideoStore;
import tandem.federation.outbox.Audience;
import tandem.federation.outbox.Outbox;
import tandem.federation.vocab.Activity;
import tandem.federation.vocab.AsToActivity;
import tandem.federation.vocab.Federable;
import tandem.federation.vocab.FederationException;
import tandem.federation.vocab.Texts;

/**
 * Comments (`Note`) from other instances: stored under the video or comment they answer, by the
 * remote account that wrote them; deleted by their author's host or the video's. A comment on one of
 * our videos is forwarded to our followers, who re-fetch it from its origin.
 */
public final class CommentActivities {
    private static final Logger log = LoggerFactory.getLogger(CommentActivities.class);
    private static final Pattern ENTITY = Pattern.compile("&(lt|gt|quot|apos|amp|nbsp|#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6});");

    private final Transactions transactions;
    private final ObjectFetcher fetcher;
    private final RemoteActors actors;
    private final LocalActors local;
    private final CommentStore comments;
    private final VideoService videos;
    private final RemoteVideoStore remoteVideos;
    private final Audience audience;
    private final Outbox outbox;
    private final Clock clock;
    private final Blocklist blocks;
    private final VideoEvents events;
    private final Notifications notifications;

    public CommentActivities(Transactions transactions, ObjectFetcher fetcher, RemoteActors actors, LocalActors local, CommentStore comments,
                             VideoService videos, RemoteVideoStore remoteVideos, Audience audience, Outbox outbox, Clock clock, Blocklist blocks,
                             VideoEvents events, Notifications notifications) {
        this.notifications = notifications;
        this.transactions = transactions;
        this.events = events;
        this.blocks = blocks;
        this.fetcher = fetcher;
        this.actors = actors;
        this.local = local;
        this.comments = comments;
        this.videos = videos;
        this.remoteVideos = remoteVideos;
        this.audience = audience;
        this.outbox = outbox;
        this.clock = clock;
    }

    private record Target(Video video, Comment parent) {}

    /** Create(Note): `note` is trusted only when the signer is its author; a forwarded one is fetched from its origin. */
    public void onCreate(String activityActor, JsonNode note, boolean forwarded, ObjectNode original) {
        if (forwarded || note.isTextual()) note = fetcher.fetch(AsToActivity.idOf(note));
        String id = Texts.url(note, "id", true);
        String author = AsToActivity.idOf(note.path("attributedTo"));
        if (!activityActor.equals(author)) throw new FederationException("comment " + id + " is attributed to " + author + ", not to " + activityActor);
        if (!Texts.hostOf(id).equals(Texts.hostOf(author))) throw new FederationException("comment " + id + " is not on its author's host");
        if (comments.byUrl(id).isPresent()) return;
        String inReplyTo = AsToActivity.idOf(note.path("inReplyTo"));
        if (inReplyTo == null) throw new FederationException("comment " + id + " answers nothing (no inReplyTo)");
        Target t = target(inReplyTo);
        if (t.video().commentsPolicy() == CommentService.DISABLED) throw new FederationException("comments are disabled on " + inReplyTo);
        Actor writer = actors.resolve(author);
        if (writer.accountId() == null) throw new FederationException(author + " is not an account");
        // A forwarded comment arrives from another host: the blocks are checked against its author here.
        if (blocks.isServerBlocked(writer.host()) || blocks.isAccountBlocked(writer.accountId())) {
            throw new FederationException("account " + writer.handle() + " is blocked here");
        }
        String text = text(note);
        long created = published(note);
        // On our video that requires approval it waits for the owner; a remote video's origin has judged already.
        boolean held = t.video().isLocal() && t.video().commentsPolicy() == CommentService.REQUIRES_APPROVAL;
        transactions.useTransaction(h -> {
            long stored = comments.insert(h, t.video().id(), writer.accountId(), t.parent() == null ? null : t.parent().threadId(),
                    t.parent() == null ? null : t.parent().id(), text, created, clock.millis(), id, held);
            // PeerTube approves a comment its video takes without review at once (its author's copy may wait for it).
            if (t.video().isLocal() && !held) events.commentApproved(h, stored);
            notifications.commented(h, stored);
            if (t.video().isLocal() && !held && original != null) {
                List<String> inboxes = audience.followersOf(h, audience.involved(t.video().channel())).stream()
                        .filter(i -> !Texts.hostOf(i).equals(writer.host())).toList();
                outbox.send(h, local.instance(), original, inboxes);
            }
        });
        log.debug("comment {} by {} stored on video {}", id, writer.handle(), t.video().uuid());
    }

    /**
     * ApproveReply from a remote video's owner: our comment that waited for its review shows now, and
     * goes out again carrying the approval (PeerTube's origin forwards it to its followers then). An
     * approval of a comment that did not wait changes nothing, as on PeerTube.
     */
    public void onApproveReply(Activity.ApproveReply a, boolean forwarded) {
        if (forwarded) throw new FederationException("ApproveReply " + a.id() + " was forwarded: only the video's owner sends it");
        Comment c = find(a.object()).filter(x -> x.account().host() == null && !x.deleted())
                .orElseThrow(() -> new FederationException("ApproveReply of " + a.object() + ", no comment of ours"));
        Video v = videos.find(String.valueOf(c.videoId())).filter(x -> !x.isLocal())
                .orElseThrow(() -> new FederationException("ApproveReply of " + a.object() + ", not on a remote video"));
        Actor by = actors.resolve(a.actor());
        if (by.accountId() == null || by.accountId() != v.channel().account().id()) {
            throw new FederationException(a.actor() + " is not the owner of the video of " + a.object());
        }
        if (!c.heldForReview() || a.id().equals(c.replyApproval())) return;
        transactions.useTransaction(h -> {
            comments.approve(h, c.id(), a.id());
            events.commented(h, c.id());
        });
        log.debug("comment {} approved by {}", a.object(), a.actor());
    }

    /** The comment this URL names here: one of ours by its path, or a remote one by its URL. */
    public Optional<Comment> find(String url) {
        return local.isLocal(url) ? ourComment(url) : comments.byUrl(url);
    }

    /**
     * The comment's own host, or the host of the remote video it is on (its moderator), may delete it:
     * the origin may remove our users' comments on its video, and our copy then hides them as it does.
     */
    public void onDelete(String activityActor, DeleteTarget.KnownComment target) {
        String url = target.url();
        Comment c = target.comment();
        String host = Texts.hostOf(activityActor);
        Video v = videos.find(String.valueOf(c.videoId())).orElse(null);
        boolean authorHost = host.equals(Texts.hostOf(url));
        boolean videoHost = v != null && !v.isLocal() && remoteVideos.urlOf(v.id()).map(u -> host.equals(Texts.hostOf(u))).orElse(false);
        if (!authorHost && !videoHost) throw new FederationException(activityActor + " may not delete comment " + url);
        transactions.useTransaction(h -> comments.softDelete(h, c.id(), clock.millis()));
        log.info("remote comment {} deleted", url);
    }

    /** Where one of our URLs points: `/videos/watch/<video>` or `/videos/watch/<video>/comments/<comment>`. */
    private record LocalPath(String video, Long comment) {}

    private static Optional<LocalPath> localPath(String url) {
        String path;
        try {
            path = java.net.URI.create(url).getRawPath();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        String[] p = path == null ? new String[0] : path.split("/");
        if (p.length < 4 || !"videos".equals(p[1]) || !"watch".equals(p[2])) return Optional.empty();
        if (p.length == 4) return Optional.of(new LocalPath(p[3], null));
        if (p.length == 6 && "comments".equals(p[4]) && p[5].matches("\\d{1,18}")) return Optional.of(new LocalPath(p[3], Long.parseLong(p[5])));
        return Optional.empty();
    }

    /** One of our comments by its URL. */
    private Optional<Comment> ourComment(String url) {
        Optional<LocalPath> p = localPath(url).filter(x -> x.comment() != null);
        if (p.isEmpty()) return Optional.empty();
        try {
            return videos.find(p.get().video()).flatMap(v -> comments.byId(v.id(), p.get().comment()));
        } catch (tandem.core.Problem e) {
            return Optional.empty(); // not a video id at all
        }
    }

    private Target target(String inReplyTo) {
        if (local.isLocal(inReplyTo)) {
            LocalPath p = localPath(inReplyTo).orElseThrow(() -> new FederationException("inReplyTo " + inReplyTo + " names nothing here"));
            // Our comment on a remote video has one of our URLs too: its origin's users answer it there.
            Video v = videos.find(p.video()).filter(x -> !x.isLocal() ? p.comment() != null : Federable.video(x))
                    .orElseThrow(() -> new FederationException("no public video " + inReplyTo));
            if (p.comment() == null) return new Target(v, null);
            Comment parent = comments.byId(v.id(), p.comment()).orElseThrow(() -> new FederationException("no comment " + inReplyTo));
            return new Target(v, parent);
        }
        Optional<Long> remoteVideo = remoteVideos.idByUrl(inReplyTo);
        if (remoteVideo.isPresent()) return new Target(videos.find(String.valueOf(remoteVideo.get())).orElseThrow(), null);
        Comment parent = comments.byUrl(inReplyTo).orElseThrow(() -> new FederationException("inReplyTo " + inReplyTo + " is unknown here"));
        return new Target(videos.find(String.valueOf(parent.videoId())).orElseThrow(), parent);
    }

    /** Markdown is kept; HTML (Mastodon) becomes plain text: we only ever show comments as text. */
    public static String text(JsonNode note) {
        String content = Texts.clean(note.path("content").asText(""));
        if (content.length() > 10_000) content = content.substring(0, 10_000);
        if ("text/markdown".equals(note.path("mediaType").asText())) return content;
        return decodeEntities(content.replaceAll("(?i)<br\\s*/?>|</p>\\s*<p>", "\n").replaceAll("<[^>]*>", "")).trim();
    }

    /** One pass, so "&amp;lt;" stays "&lt;"; numeric references too, as Mastodon and others write accents and emoji that way. */
    private static String decodeEntities(String s) {
        return ENTITY.matcher(s).replaceAll(m -> {
            String e = m.group(1);
            int cp = switch (e) {
                case "lt" -> '<';
                case "gt" -> '>';
                case "quot" -> '"';
                case "apos" -> '\'';
                case "amp" -> '&';
                case "nbsp" -> ' ';
                default -> e.startsWith("#x") || e.startsWith("#X") ? Integer.parseInt(e.substring(2), 16) : Integer.parseInt(e.substring(1));
            };
            boolean text = Character.isValidCodePoint(cp) && cp != 0 && Character.getType(cp) != Character.SURROGATE;
            return text ? Matcher.quoteReplacement(Character.toString(cp)) : "\uFFFD";
        });
    }

    private static long published(JsonNode note) {
        try {
            return Instant.parse(note.path("published").asText("")).toEpochMilli();
        } catch (DateTimeParseException e) {
            return System.currentTimeMillis();
        }
    }
}
