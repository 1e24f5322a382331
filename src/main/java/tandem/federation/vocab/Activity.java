package tandem.federation.vocab;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The inbound activities we understand, decoded once (see {@link AsToActivity}) so the processor
 * dispatches with one exhaustive switch. `actor` is always the activity's actor URL; objects that
 * may be embedded stay JSON, objects that are only named are their URL.
 */
public sealed interface Activity {
    String id();

    String actor();

    record Follow(String id, String actor, String object) implements Activity {}

    /** Accept or Reject of one of our Follows; `follow` is the Follow (embedded or by id). */
    record Accept(String id, String actor, JsonNode follow) implements Activity {}

    record Reject(String id, String actor, JsonNode follow) implements Activity {}

    record Undo(String id, String actor, JsonNode object) implements Activity {}

    record Create(String id, String actor, JsonNode object) implements Activity {}

    record Update(String id, String actor, JsonNode object) implements Activity {}

    record Delete(String id, String actor, String object) implements Activity {}

    record Announce(String id, String actor, String object) implements Activity {}

    /** Like or Dislike of a video; `dislike` tells which. */
    record Rate(String id, String actor, String object, boolean dislike) implements Activity {}

    /** A View; `viewer` marks PeerTube's live-viewer heartbeat (it carries `expires`), which is not a view. */
    record View(String id, String actor, String object, boolean viewer) implements Activity {}

    /**
     * PeerTube's ApproveReply: a video's owner lets `object`, a comment held for review, show. (Its
     * RejectReply is neither sent nor read by PeerTube 6.3, which refuses a comment by deleting it.)
     */
    record ApproveReply(String id, String actor, String object) implements Activity {}

    /** A type we do not handle (Flag, Add, Block…): acknowledged and ignored, as PeerTube does. */
    record Ignored(String id, String actor, String type) implements Activity {}
}
