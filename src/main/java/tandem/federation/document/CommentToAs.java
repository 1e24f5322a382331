package tandem.federation.document;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import tandem.video.Comment;
import tandem.video.Video;

import java.time.Instant;
import tandem.federation.actor.LocalActors;
import tandem.federation.vocab.Contexts;

/** Our comments as PeerTube `Note` objects, deleted ones as `Tombstone`s, and the `ApproveReply` of a comment on our video. */
public final class CommentToAs {
    private final ObjectMapper mapper;
    private final LocalActors local;

    public CommentToAs(ObjectMapper mapper, LocalActors local) {
        this.mapper = mapper;
        this.local = local;
    }

    /** @param videoUrl the video's AP id (ours or the origin's); @param parentUrl the answered comment's, or null */
    public ObjectNode note(Comment c, Video v, String videoUrl, String parentUrl) {
        ObjectNode o = mapper.createObjectNode();
        o.set("@context", Contexts.comment(mapper));
        String id = local.commentUrl(v.uuid(), c.id());
        o.put("id", id);
        o.put("url", id);
        if (c.deleted()) {
            o.put("type", "Tombstone");
            o.put("formerType", "Note");
            o.put("inReplyTo", parentUrl != null ? parentUrl : videoUrl);
            o.put("published", Instant.ofEpochMilli(c.createdAt()).toString());
            o.put("updated", Instant.ofEpochMilli(c.updatedAt()).toString());
            o.put("deleted", Instant.ofEpochMilli(c.deletedAt()).toString());
            return o;
        }
        o.put("type", "Note");
        o.put("content", c.text());
        o.put("mediaType", "text/markdown");
        o.put("inReplyTo", parentUrl != null ? parentUrl : videoUrl);
        o.put("attributedTo", local.accountUrl(c.account().name()));
        o.put("published", Instant.ofEpochMilli(c.createdAt()).toString());
        o.put("updated", Instant.ofEpochMilli(c.updatedAt()).toString());
        o.putArray("to").add(Contexts.PUBLIC);
        o.putArray("cc").add(local.accountUrl(c.account().name()) + "/followers");
        o.putArray("tag");
        // On our video, an approved comment names its approval (which its URL serves); on a remote one, the origin's.
        o.put("replyApproval", v.isLocal() && !c.heldForReview() ? approvalId(c, v) : c.replyApproval());
        return o;
    }

    /**
     * The video owner's word that a comment on our video may show, as PeerTube 6.3 sends it to the
     * comment's author. @param commentUrl the comment's AP id; @param parentUrl the answered comment's, or null
     */
    public ObjectNode approveReply(Comment c, Video v, String commentUrl, String parentUrl) {
        ObjectNode o = mapper.createObjectNode();
        o.set("@context", Contexts.approveReply(mapper));
        o.put("type", "ApproveReply");
        o.put("id", approvalId(c, v));
        o.put("actor", local.accountUrl(v.channel().account().name()));
        o.put("inReplyTo", parentUrl != null ? parentUrl : local.videoUrl(v.uuid()));
        o.put("object", commentUrl);
        return o;
    }

    /** PeerTube names an approval after the comment's id on the video's host, remote comments included. */
    private String approvalId(Comment c, Video v) {
        return local.commentUrl(v.uuid(), c.id()) + "/approve-reply";
    }
}
