package tandem.video;

import tandem.account.User;
import tandem.db.Transactions;

import java.util.List;
import java.util.Optional;

/** Chapters of videos: read with the video's privacy rules, replaced whole by its owner, federated as an update. */
public final class VideoChapters {
    private final Transactions transactions;
    private final ChapterStore store;
    private final VideoService videos;
    private final VideoEvents events;

    public VideoChapters(Transactions transactions, ChapterStore store, VideoService videos, VideoEvents events) {
        this.transactions = transactions;
        this.store = store;
        this.videos = videos;
        this.events = events;
    }

    /** The chapters of a video the viewer may see. */
    public List<Chapter> list(Optional<User> viewer, String idOrUuid) {
        return store.list(videos.visible(viewer, idOrUuid).id());
    }

    /** The chapters of a video, for the documents other servers read. */
    public List<Chapter> of(Video v) {
        return store.list(v.id());
    }

    /** Replaces the chapters with `raw` (a request's `chapters` list, validated here); followers get an Update. */
    public List<Chapter> replace(User user, String idOrUuid, Object raw) {
        Video v = videos.managed(user, idOrUuid);
        List<Chapter> chapters = Chapter.parse(raw, v.duration());
        transactions.useTransaction(h -> {
            store.replace(h, v.id(), chapters);
            events.updated(h, v.id());
        });
        return chapters;
    }
}
