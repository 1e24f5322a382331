package tandem.video.moderation;

import tandem.core.Page;
import tandem.core.Problem;
import tandem.db.Transactions;
import tandem.video.Video;
import tandem.video.VideoEvents;
import tandem.video.VideoService;

import java.time.Clock;
import java.util.Optional;

/**
 * The video blocklist (PeerTube's blacklist): moderators take a video out of every list, search and
 * feed; only its owner and moderators still open it, and its page says it is blocked.
 */
public final class VideoBlocks {
    public static final int MAX_REASON = 300;

    private final Transactions transactions;
    private final VideoBlockStore store;
    private final VideoService videos;
    private final VideoEvents events;
    private final Clock clock;

    public VideoBlocks(Transactions transactions, VideoBlockStore store, VideoService videos, VideoEvents events, Clock clock) {
        this.transactions = transactions;
        this.store = store;
        this.videos = videos;
        this.events = events;
        this.clock = clock;
    }

    /** A blocked video with its block. */
    public record Blocked(VideoBlock block, Video video) {}

    public void block(String videoId, String reason, boolean unfederate) {
        if (reason != null && (reason.length() < 2 || reason.length() > MAX_REASON)) {
            throw Problem.invalidParam("reason", "Should have 2 to " + MAX_REASON + " characters");
        }
        Video v = video(videoId);
        // Unfederated, one of our videos is withdrawn from the instances that have it, as if deleted (PeerTube's Delete).
        boolean unfederated = unfederate && v.isLocal();
        transactions.useTransaction(h -> {
            if (!store.insert(h, v.id(), reason, unfederated, clock.millis())) throw Problem.conflict("This video is already blocked");
            if (unfederated) events.deleting(h, v);
        });
    }

    /** Unblocks a video; one that was unfederated is announced again. */
    public void unblock(String videoId) {
        Video v = video(videoId);
        transactions.useTransaction(h -> {
            VideoBlock had = store.delete(h, v.id()).orElseThrow(() -> Problem.notFound("This video is not blocked"));
            if (had.unfederated()) events.published(h, v.id());
        });
    }

    /** Whether federation must keep quiet about this video: blocked and unfederated. */
    public boolean unfederated(long videoId) {
        return store.byVideo(videoId).map(VideoBlock::unfederated).orElse(false);
    }

    public Optional<VideoBlock> of(long videoId) {
        return store.byVideo(videoId);
    }

    public Page<Blocked> list(int start, int count) {
        var rows = store.list(start, count).stream()
                .flatMap(b -> videos.find(String.valueOf(b.videoId())).map(v -> new Blocked(b, v)).stream()).toList();
        return new Page<>(store.count(), rows);
    }

    private Video video(String id) {
        return videos.find(id).orElseThrow(() -> Problem.notFound("Video not found"));
    }
}
