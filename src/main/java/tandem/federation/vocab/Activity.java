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

    /**
     * Tandem's hourly usage report (see {@link AsToUsage}): a mirror's instance actor tells an origin what
     * it served of the origin's videos during `hour` and how much of each it holds.
     */
    record UsageReport(String id, String actor, java.time.Instant hour, java.util.List<Usage.Claim> usage) implements Activity {}

    /** Tandem's answer to a {@link UsageReport}: the origin's own figure per video and its flag, if any. */
    record UsageStatement(String id, String actor, java.time.Instant hour, String report, java.util.List<Usage.Answer> usage) implements Activity {}

    /**
     * PeerTube's Flag, an abuse report: `objects` are the URLs reported (a video, a comment or an account),
     * `content` the reason, `reasons` the predefined reasons its Hashtags named, `startAt`/`endAt` a video's span.
     */
    record Flag(String id, String actor, java.util.List<String> objects, String content, java.util.List<String> reasons, Integer startAt,
                Integer endAt) implements Activity {}

    /** A type we do not handle (Add, Block…): acknowledged and ignored, as PeerTube does. */
    record Ignored(String id, String actor, String type) implements Activity {}
}
