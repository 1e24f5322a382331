package tandem.http;

import tandem.core.Page;
import tandem.video.Comment;
import tandem.video.CommentService;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Comments in PeerTube's JSON shapes: `VideoComment`, and a thread as `VideoCommentThreadTree`. */
public final class CommentToDto {
    private final Urls urls;
    private final ActorToDto actors;

    public CommentToDto(Urls urls, ActorToDto actors) {
        this.urls = urls;
        this.actors = actors;
    }

    /** A comment; its `url` is its ActivityPub id, as PeerTube gives (the origin's for a remote one, which our URL would 404). */
    public Map<String, Object> comment(Comment c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("url", c.url() != null ? c.url() : urls.base() + "/videos/watch/" + c.videoUuid() + "/comments/" + c.id());
        m.put("text", c.text());
        m.put("threadId", c.threadId());
        m.put("inReplyToCommentId", c.inReplyTo());
        m.put("videoId", c.videoId());
        m.put("createdAt", Instant.ofEpochMilli(c.createdAt()));
        m.put("updatedAt", Instant.ofEpochMilli(c.updatedAt()));
        m.put("deletedAt", c.deletedAt() == null ? null : Instant.ofEpochMilli(c.deletedAt()));
        m.put("isDeleted", c.deleted());
        m.put("totalReplies", c.totalReplies());
        m.put("totalRepliesFromVideoAuthor", 0);
        m.put("heldForReview", c.heldForReview());
        m.put("account", c.deleted() ? null : actors.accountSummary(c.account()));
        return m;
    }

    /** A page of threads (their first comments), with how many comments of the video are not deleted. */
    public Map<String, Object> threads(Page<Comment> page, long notDeleted) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("total", page.total());
        m.put("totalNotDeletedComments", notDeleted);
        m.put("data", page.data().stream().map(this::comment).toList());
        return m;
    }

    /** The answer to a new thread or reply. */
    public Map<String, Object> created(Comment c) {
        return Map.of("comment", comment(c));
    }

    /** A comment and its replies, nested as deep as they go. */
    public Map<String, Object> tree(CommentService.Tree t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("comment", comment(t.comment()));
        m.put("children", t.children().stream().map(this::tree).toList());
        return m;
    }
}
