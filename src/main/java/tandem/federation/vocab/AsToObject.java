package tandem.federation.vocab;

import com.fasterxml.jackson.databind.JsonNode;

/** Decodes the object of an inbound activity into {@link AsObject} by its `type`. */
public final class AsToObject {
    private AsToObject() {}

    public static AsObject parse(JsonNode object) {
        if (!object.isObject()) {
            String id = AsToActivity.idOf(object);
            return id != null ? new AsObject.Unresolved(id) : new AsObject.Other("");
        }
        String type = object.path("type").asText();
        return switch (type) {
            case "Video" -> new AsObject.Video(AsToActivity.idOf(object));
            case "Note" -> new AsObject.Note(object);
            case "CacheFile" -> new AsObject.CacheFile(object);
            case "Person", "Group", "Application", "Service", "Organization" -> new AsObject.Actor(type, AsToActivity.idOf(object));
            case "Follow" -> new AsObject.FollowActivity(object);
            case "Like", "Dislike" -> new AsObject.RateActivity(type, object);
            case "Create" -> new AsObject.CreateActivity(object);
            default -> new AsObject.Other(type);
        };
    }
}
