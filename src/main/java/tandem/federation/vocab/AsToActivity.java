package tandem.federation.vocab;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Decodes an inbound activity's JSON into {@link Activity}, rejecting what is malformed with a precise reason. */
public final class AsToActivity {
    private AsToActivity() {}

    public static Activity parse(JsonNode a) {
        if (!a.isObject()) throw new FederationException("Incorrect activity: the body must be a JSON object");
        String type = a.path("type").asText("");
        if (type.isEmpty()) throw new FederationException("Incorrect activity: missing type");
        String id = Texts.url(a, "id", true);
        String actor = idOf(a.path("actor"));
        if (actor == null) throw new FederationException("Incorrect activity: missing actor");
        if (type.equals("UsageReport")) return AsToUsage.report(id, actor, a);
        if (type.equals("UsageStatement")) return AsToUsage.statement(id, actor, a);
        if (type.equals("Flag")) return flag(id, actor, a);
        JsonNode object = a.path("object");
        if (object.isMissingNode() || object.isNull()) {
            return switch (type) {
                case "Follow", "Accept", "Reject", "Undo", "Create", "Update", "Delete", "Announce", "Like", "Dislike", "View", "ApproveReply" ->
                        throw new FederationException("Incorrect activity: " + type + " without object");
                default -> new Activity.Ignored(id, actor, type);
            };
        }
        return switch (type) {
            case "Follow" -> new Activity.Follow(id, actor, requireId(object, type));
            case "Accept" -> new Activity.Accept(id, actor, object);
            case "Reject" -> new Activity.Reject(id, actor, object);
            case "Undo" -> new Activity.Undo(id, actor, object);
            case "Create" -> new Activity.Create(id, actor, requireObject(object, type));
            case "Update" -> new Activity.Update(id, actor, requireObject(object, type));
            case "Delete" -> new Activity.Delete(id, actor, requireId(object, type));
            case "Announce" -> new Activity.Announce(id, actor, requireId(object, type));
            case "Like" -> new Activity.Rate(id, actor, requireId(object, type), false);
            case "Dislike" -> new Activity.Rate(id, actor, requireId(object, type), true);
            case "View" -> new Activity.View(id, actor, requireId(object, type), a.has("expires"));
            case "ApproveReply" -> new Activity.ApproveReply(id, actor, requireId(object, type));
            default -> new Activity.Ignored(id, actor, type);
        };
    }

    /** A Flag: its object is one URL or a list of them (PeerTube sends a list); at least one must be a URL. */
    private static Activity.Flag flag(String id, String actor, JsonNode a) {
        JsonNode object = a.path("object");
        java.util.List<String> objects = new java.util.ArrayList<>();
        if (object.isArray()) object.forEach(o -> { if (idOf(o) != null) objects.add(idOf(o)); });
        else if (idOf(object) != null) objects.add(idOf(object));
        if (objects.isEmpty()) throw new FederationException("Incorrect activity: Flag without an object URL");
        java.util.List<String> reasons = new java.util.ArrayList<>();
        for (JsonNode t : a.path("tag")) if ("Hashtag".equals(t.path("type").asText()) && t.path("name").isTextual()) reasons.add(t.path("name").asText());
        String content = a.path("content").isTextual() ? a.path("content").asText() : "";
        return new Activity.Flag(id, actor, objects, content, reasons, seconds(a.path("startAt")), seconds(a.path("endAt")));
    }

    private static Integer seconds(JsonNode v) {
        return v.canConvertToInt() && v.isNumber() && v.asInt() >= 0 ? v.asInt() : null;
    }

    /** The URL an `actor`/`object` value names (a string, or an object's `id`); null unless it is a valid http(s) URL. */
    public static String idOf(JsonNode v) {
        String id = v.isTextual() ? v.asText() : v.isObject() && v.path("id").isTextual() ? v.path("id").asText() : null;
        return Texts.isHttpUrl(id) ? id : null;
    }

    /** The `updated` time an embedded object carries, in epoch milliseconds; null when absent or not an ISO date. */
    public static Long updatedOf(JsonNode object) {
        if (!object.path("updated").isTextual()) return null;
        try {
            return Instant.parse(object.path("updated").asText()).toEpochMilli();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String requireId(JsonNode object, String type) {
        String id = idOf(object);
        if (id == null || !(id.startsWith("https://") || id.startsWith("http://"))) {
            throw new FederationException("Incorrect activity: " + type + " object must be a URL or an object with an id");
        }
        return id;
    }

    private static JsonNode requireObject(JsonNode object, String type) {
        if (object.isTextual()) return object;
        if (!object.isObject() || idOf(object) == null) throw new FederationException("Incorrect activity: " + type + " object must have an id");
        return object;
    }
}
