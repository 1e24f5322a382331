package tandem.federation.vocab;

import java.time.Instant;

/**
 * A PeerTube `CacheFile` (interop notes §2.5, §4): another instance says it mirrors a video, either
 * its whole HLS directory (`mediaType` application/x-mpegURL, `href` the mirror base URL) or one
 * web-video file (`height`, `size`, `fps` set). `expires` is null for manual mirrors.
 */
public record CacheFile(String id, String videoUrl, Instant expires, String mediaType, String href, Integer height, Long size, Integer fps) {}
