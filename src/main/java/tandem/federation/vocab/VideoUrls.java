package tandem.federation.vocab;

import tandem.video.Video;
import tandem.video.VideoFile;

import java.util.List;

/** Where our videos' files are served; `app` wires it to the HTTP layer's URL layout. */
public interface VideoUrls {
    String masterPlaylist(Video v);

    String segmentsSha256(Video v);

    String fileUrl(Video v, VideoFile f);

    /** Absolute URL of the thumbnail (and of the larger preview). */
    String thumbnailUrl(Video v);

    String previewUrl(Video v);

    List<String> trackers();

    /** Absolute URL of a file's .torrent; null when it has none. */
    String torrentUrl(VideoFile f);

    /** A file's magnet link (torrent, infohash, name, trackers, web seed); null when it has no torrent. */
    String magnetUri(Video v, VideoFile f);
}
