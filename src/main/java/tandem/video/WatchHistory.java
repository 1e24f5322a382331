package tandem.video;

import tandem.account.User;
import tandem.core.Page;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where a signed-in user stopped in each video (PeerTube's history): the player's progress reports
 * (`PUT /videos/{id}/watching`) keep the latest position, the watch page resumes from it, and the
 * user lists and clears it.
 */
public final class WatchHistory {
    private final HistoryStore store;
    private final VideoService videos;
    private final Clock clock;

    public WatchHistory(HistoryStore store, VideoService videos, Clock clock) {
        this.store = store;
        this.videos = videos;
        this.clock = clock;
    }

    /** A watched video with where the user stopped. */
    public record Watched(Video video, int currentTime) {}

    public void record(User user, Video video, double currentTime) {
        store.save(user.id(), video.id(), (int) Math.floor(currentTime), clock.millis());
    }

    public Optional<Integer> position(User user, long videoId) {
        return store.position(user.id(), videoId);
    }

    /** Newest first; a video the user may no longer see is left out of the page. */
    public Page<Watched> list(User user, int start, int count) {
        List<Watched> out = new ArrayList<>();
        for (HistoryStore.Entry e : store.recent(user.id(), start, count)) {
            videos.find(String.valueOf(e.videoId()))
                    .filter(v -> v.privacy() != VideoPrivacy.PRIVATE || videos.canManage(Optional.of(user), v))
                    .ifPresent(v -> out.add(new Watched(v, e.currentTime())));
        }
        return new Page<>(store.count(user.id()), out);
    }

    public void remove(User user, String videoId) {
        Video v = videos.find(videoId).orElseThrow(() -> tandem.core.Problem.notFound("Video not found"));
        store.remove(user.id(), v.id(), null);
    }

    /** Clears the history, or only what was watched before `before` (epoch millis). */
    public int clear(User user, Long before) {
        return store.remove(user.id(), null, before);
    }
}
