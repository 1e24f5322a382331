package tandem.federation.document;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import tandem.video.Comment;
import tandem.video.Video;

import java.time.Instant;
import tandem.federation.actor.LocalActors;
import tandem.federation.vocab.Contexts;

/** Our comments as PeerTube `Note` objects, and deleted ones as `Tombstone`s. */
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
        o.set("@context", Contexts.base(mapper));
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
        return o;
    }
}
