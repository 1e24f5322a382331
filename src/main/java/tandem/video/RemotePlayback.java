package tandem.video;

import java.util.List;

/**
 * Where a remote video plays from: its origin's master playlist, segment hashes, trackers and swarm
 * ids (viewers on every instance share the origin's swarm), and its renditions; or, from an origin
 * without HLS (`playlistUrl` null), its progressive MP4 files (`webFiles`), played as they are;
 * `fetchedAt`: when its origin's object was last read.
 */
public record RemotePlayback(String url, String playlistUrl, String sha256Url, List<String> infohashes, List<String> trackers,
                             List<File> files, List<File> webFiles, String thumbnailUrl, long fetchedAt) {
    /** One rendition at the origin; its streams are null in copies stored before they were read. */
    public record File(int resolution, int width, int height, int fps, long size, String url, Boolean hasAudio, Boolean hasVideo) {}
}
