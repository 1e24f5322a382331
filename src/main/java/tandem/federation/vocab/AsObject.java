package tandem.federation.vocab;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The object of an inbound Create, Update or Undo, decoded once by its type (see {@link AsToObject}) so
 * the processor dispatches on it with one exhaustive switch instead of comparing `type` strings.
 * Objects keep their JSON: each handler validates what it takes (a video is always re-read from its id).
 */
public sealed interface AsObject {
    /** A `Video`, by its id (which may be null when the body's is not a URL; the handler refuses it then). */
    record Video(String id) implements AsObject {}

    /** A `Note` (a comment). */
    record Note(JsonNode body) implements AsObject {}

    /** A `CacheFile`: another instance says it mirrors a video. */
    record CacheFile(JsonNode body) implements AsObject {}

    /** An actor (`Person`, `Group`, `Application`, `Service`, `Organization`). */
    record Actor(String type, String id) implements AsObject {}

    /** A `Follow`, as an Undo takes it back. */
    record FollowActivity(JsonNode body) implements AsObject {}

    /** A `Like` or `Dislike`, as an Undo takes it back. */
    record RateActivity(String type, JsonNode body) implements AsObject {}

    /** A `Create`, as an Undo takes it back (PeerTube undoes its CacheFiles so). */
    record CreateActivity(JsonNode body) implements AsObject {}

    /** An object given by URL only: its type is not in this body. */
    record Unresolved(String id) implements AsObject {}

    /** A type we do not handle: acknowledged and ignored, as PeerTube does. */
    record Other(String type) implements AsObject {}
}
