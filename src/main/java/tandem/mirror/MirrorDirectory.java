package tandem.mirror;

import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Where else a video's HLS files can be fetched: our own finished copy, then the other instances'
 * mirrors that passed their check and have not expired. Each is a directory URL without a trailing
 * slash that holds the origin's file names (PeerTube's `streamingPlaylists[].redundancies[].baseUrl`).
 */
public final class MirrorDirectory {
    private final Jdbi jdbi;
    private final String publicUrl;
    private final Clock clock;

    public MirrorDirectory(Jdbi jdbi, String publicUrl, Clock clock) {
        this.jdbi = jdbi;
        this.publicUrl = publicUrl;
        this.clock = clock;
    }

    /** Our copy's directory URL, where mirrored files are served. */
    public String ourBaseUrl(String videoUuid) {
        return publicUrl + "/static/redundancy/hls/" + videoUuid;
    }

    public List<String> baseUrls(long videoId, String videoUuid) {
        long now = clock.millis();
        return jdbi.withHandle(h -> {
            List<String> urls = new ArrayList<>();
            boolean ours = h.createQuery("SELECT COUNT(*) FROM mirrors WHERE video_id = :v AND state = 'ready'")
                    .bind("v", videoId).mapTo(Long.class).one() > 0;
            if (ours) urls.add(ourBaseUrl(videoUuid));
            urls.addAll(h.createQuery("""
                            SELECT base_url FROM remote_mirrors
                            WHERE video_id = :v AND state = 'verified' AND (expires_at IS NULL OR expires_at > :now)
                            ORDER BY id""")
                    .bind("v", videoId).bind("now", now).mapTo(String.class).list());
            return urls;
        });
    }
}
