package tandem.app;

import tandem.http.Urls;
import tandem.p2p.Infohashes;
import tandem.p2p.SwarmDirectory;
import tandem.video.VideoService;

import java.time.Clock;
import java.util.HashSet;
import java.util.Set;

/**
 * The swarms this instance serves: the infohashes of every published local video's HLS variants,
 * derived from the master URL the API gives players. Rebuilt every minute, or on a miss at most
 * every two seconds, so a new video is served at once and unknown hashes cannot hammer the database.
 */
final class LocalSwarms implements SwarmDirectory {
    private static final long REFRESH_MILLIS = 60_000;
    private static final long MISS_REFRESH_MILLIS = 2_000;

    private final VideoService videos;
    private final Urls urls;
    private final Clock clock;
    private volatile Set<String> known = Set.of();
    private volatile long refreshedAt;

    LocalSwarms(VideoService videos, Urls urls, Clock clock) {
        this.videos = videos;
        this.urls = urls;
        this.clock = clock;
    }

    @Override
    public boolean serves(String infoHashHex) {
        long now = clock.millis();
        if (now - refreshedAt > REFRESH_MILLIS) refresh(now);
        if (known.contains(infoHashHex)) return true;
        if (now - refreshedAt > MISS_REFRESH_MILLIS) {
            refresh(now);
            return known.contains(infoHashHex);
        }
        return false;
    }

    private synchronized void refresh(long now) {
        if (now - refreshedAt <= MISS_REFRESH_MILLIS && refreshedAt != 0) return;
        Set<String> next = new HashSet<>();
        videos.swarmSources().forEach((video, variants) -> next.addAll(Infohashes.forMaster(urls.masterPlaylist(video), variants)));
        known = Set.copyOf(next);
        refreshedAt = now;
    }
}
