package tandem.federation.vocab;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;

/** Reads a remote `CacheFile` as PeerTube validates it: http(s) id, video URL, ISO or null `expires`, one HLS or video-file Link. */
public final class AsToCacheFile {
    private static final String HLS = "application/x-mpegURL";
    private static final Set<String> FILE_TYPES = Set.of("video/mp4", "video/webm", "video/ogg", "audio/mp4");

    private AsToCacheFile() {}

    public static CacheFile parse(JsonNode o) {
        if (!"CacheFile".equals(o.path("type").asText())) throw new FederationException("object is not a CacheFile");
        String id = Texts.url(o, "id", true);
        String video = AsToActivity.idOf(o.path("object"));
        if (video == null || !(video.startsWith("https://") || video.startsWith("http://"))) {
            throw new FederationException("CacheFile " + id + " must name a video URL as its object");
        }
        JsonNode link = link(o.path("url"), id);
        String mediaType = link.path("mediaType").asText("");
        String href = Texts.url(link, "href", true);
        if (HLS.equals(mediaType)) return new CacheFile(id, video, expires(o, id), mediaType, href, null, null, null);
        // A mirrored file is matched to the origin's by resolution and fps, so both must be there (fps may be -1: unknown).
        if (!FILE_TYPES.contains(mediaType) || !link.path("height").isInt() || !link.path("size").canConvertToLong()
                || (link.has("fps") && !(link.path("fps").isInt() && link.path("fps").asInt() >= -1))) {
            throw new FederationException("CacheFile " + id + " url must be an HLS playlist Link or a video file Link with height and size");
        }
        return new CacheFile(id, video, expires(o, id), mediaType, href, link.path("height").asInt(), link.path("size").asLong(),
                link.has("fps") ? link.path("fps").asInt() : null);
    }

    /** `url` is one Link; an array is accepted for leniency, and then its first Link counts. */
    private static JsonNode link(JsonNode url, String id) {
        JsonNode l = url.isArray() ? url.path(0) : url;
        if (!l.isObject() || !"Link".equals(l.path("type").asText())) throw new FederationException("CacheFile " + id + " url must be a Link");
        return l;
    }

    private static Instant expires(JsonNode o, String id) {
        JsonNode e = o.path("expires");
        if (e.isMissingNode() || e.isNull()) return null;
        try {
            return Instant.parse(e.asText());
        } catch (DateTimeParseException x) {
            throw new FederationException("CacheFile " + id + " expires must be an ISO date or null, got '" + e.asText() + "'");
        }
    }
}
