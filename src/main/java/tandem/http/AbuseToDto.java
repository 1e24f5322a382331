package tandem.http;

import tandem.core.ShortUuid;
import tandem.video.moderation.Abuse;
import tandem.video.moderation.AbuseMessage;
import tandem.video.moderation.CommentListing;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Abuse reports in PeerTube's `AdminAbuse` shape, and the moderators' comment list in its `VideoCommentForAdminOrUser` shape. */
public final class AbuseToDto {
    private final ActorToDto actors;
    private final Urls urls;

    public AbuseToDto(ActorToDto actors, Urls urls) {
        this.actors = actors;
        this.urls = urls;
    }

    public Map<String, Object> abuse(Abuse a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.id());
        m.put("reason", a.reason());
        m.put("predefinedReasons", a.predefinedReasons());
        m.put("reporterAccount", a.reporter() == null ? remoteReporter(a.reporterUrl()) : actors.accountSummary(a.reporter()));
        m.put("flaggedAccount", a.flaggedAccount() == null ? null : actors.accountSummary(a.flaggedAccount()));
        m.put("state", Map.of("id", a.state().id, "label", a.state().label));
        m.put("moderationComment", a.moderationComment());
        m.put("video", video(a));
        m.put("comment", comment(a));
        m.put("countMessages", a.countMessages());
        m.put("createdAt", Instant.ofEpochMilli(a.createdAt()));
        m.put("updatedAt", Instant.ofEpochMilli(a.updatedAt()));
        return m;
    }

    /** A message about a report, in PeerTube's `AbuseMessage` shape; `account` is null once its author's account is gone. */
    public Map<String, Object> message(AbuseMessage msg) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", msg.id());
        m.put("message", msg.message());
        m.put("byModerator", msg.byModerator());
        m.put("createdAt", Instant.ofEpochMilli(msg.createdAt()));
        m.put("account", msg.author() == null ? null : actors.accountSummary(msg.author()));
        return m;
    }

    /** A report from another instance: its actor, as far as its URL tells. */
    private static Map<String, Object> remoteReporter(String url) {
        if (url == null) return null;
        Map<String, Object> m = new LinkedHashMap<>();
        String path = java.net.URI.create(url).getPath();
        m.put("name", path == null ? url : path.substring(path.lastIndexOf('/') + 1));
        m.put("displayName", m.get("name"));
        m.put("url", url);
        m.put("host", java.net.URI.create(url).getAuthority());
        return m;
    }

    private static Map<String, Object> video(Abuse a) {
        if (!"video".equals(a.kind())) return null;
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", a.videoId());
        v.put("uuid", a.videoUuid());
        v.put("shortUUID", a.videoUuid() == null ? null : ShortUuid.encode(a.videoUuid()));
        v.put("name", a.videoName());
        v.put("deleted", a.videoDeleted());
        v.put("startAt", a.startAt());
        v.put("endAt", a.endAt());
        return v;
    }

    private static Map<String, Object> comment(Abuse a) {
        if (!"comment".equals(a.kind())) return null;
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("id", a.commentId());
        c.put("threadId", a.commentThreadId());
        c.put("text", a.commentText());
        c.put("deleted", a.commentId() == null);
        c.put("video", a.videoUuid() == null ? null : Map.of("uuid", a.videoUuid()));
        return c;
    }

    public Map<String, Object> listedComment(CommentListing.Listed c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("url", c.url() != null ? c.url() : urls.base() + "/videos/watch/" + c.videoUuid() + "/comments/" + c.id());
        m.put("text", c.text());
        m.put("heldForReview", c.heldForReview());
        m.put("threadId", c.threadId());
        m.put("inReplyToCommentId", c.inReplyTo());
        m.put("createdAt", Instant.ofEpochMilli(c.createdAt()));
        m.put("updatedAt", Instant.ofEpochMilli(c.updatedAt()));
        m.put("account", actors.accountSummary(c.account()));
        m.put("video", Map.of("id", c.videoId(), "uuid", c.videoUuid(), "name", c.videoName()));
        return m;
    }
}
