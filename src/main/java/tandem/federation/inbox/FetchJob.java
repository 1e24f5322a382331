package tandem.federation.inbox;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * What a background fetch job fetches, run by {@link Fetches}. The `kind` names and field names are
 * those of the rows written before payloads were typed, so those rows still run.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = FetchJob.VideoByUrl.class, name = "video"),
        @JsonSubTypes.Type(value = FetchJob.Thumbnail.class, name = "thumbnail"),
        @JsonSubTypes.Type(value = FetchJob.Refresh.class, name = "refresh"),
        @JsonSubTypes.Type(value = FetchJob.Counts.class, name = "counts"),
        @JsonSubTypes.Type(value = FetchJob.Hashes.class, name = "hashes")})
public sealed interface FetchJob {
    /** A video named by a crawl: fetched and stored. */
    record VideoByUrl(String url) implements FetchJob {}

    /** A remote video's thumbnail and preview, copied here; without a preview (as in older rows) the thumbnail stands in. */
    record Thumbnail(long videoId, String url, @JsonInclude(JsonInclude.Include.NON_NULL) String previewUrl) implements FetchJob {
        public Thumbnail(long videoId, String url) {
            this(videoId, url, null);
        }
    }

    /** A remote video shown from an old copy: read again from its origin. */
    record Refresh(long videoId) implements FetchJob {}

    /** A remote video's likes and dislikes, read once for the Updates that came since they were last read. */
    record Counts(long videoId, String likesUrl, String dislikesUrl) implements FetchJob {}

    /** A remote video's segments-sha256.json, copied here: what mirrors are checked against and players verify with while the origin is down. */
    record Hashes(long videoId, String url) implements FetchJob {}
}
