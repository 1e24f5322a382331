package tandem.video;

import java.util.List;

/** Public addresses the pipeline writes into torrents; the app wires them from the HTTP layer's URL layout. */
public interface MediaLinks {
    List<String> trackers();

    /** The web-seed URL of a file, or null when it must not be public (private videos). */
    String webSeed(Video video, VideoFile file);
}
