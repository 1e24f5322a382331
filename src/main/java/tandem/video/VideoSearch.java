package tandem.video;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tandem.account.RemoteLookupLimit;
import tandem.account.User;
import tandem.core.Page;
import tandem.core.Problem;
import tandem.core.WebUrl;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The video search: our stored videos by name or tag; or, when the text is a URL (PeerTube users paste
 * one to bring a video in), the one video it names: ours by its watch URL, another instance's that we
 * store under that URL, or, for a signed-in user only (PeerTube's default: remote lookups for users,
 * not for anonymous visitors), one fetched from its instance now and stored, within the user's
 * {@link RemoteLookupLimit}. A URL that names nothing we may show finds nothing, as on PeerTube.
 */
public final class VideoSearch {
    private static final Logger log = LoggerFactory.getLogger(VideoSearch.class);

    private final VideoService videos;
    private final RemoteVideos remote;
    private final RemoteLookupLimit lookups;
    private final String localHost;

    public VideoSearch(VideoService videos, RemoteVideos remote, RemoteLookupLimit lookups, String localHost) {
        this.videos = videos;
        this.remote = remote;
        this.lookups = lookups;
        this.localHost = localHost;
    }

    /**
     * The videos found for the query's text. The viewer is asked for only when the text is a URL,
     * and then only when its answer matters (a private video of ours, or a lookup elsewhere).
     *
     * @throws Problem 429 when this search would look up another instance once too often for the viewer
     */
    public Page<Video> search(VideoQuery q, Supplier<Optional<User>> viewer) {
        if (!WebUrl.looksLike(q.search())) return videos.list(q);
        Optional<Video> found = byUrl(q.search().strip(), viewer);
        return new Page<>(found.isPresent() ? 1 : 0, found.stream().toList());
    }

    private Optional<Video> byUrl(String text, Supplier<Optional<User>> viewer) {
        Optional<WebUrl> url = WebUrl.parse(text);
        if (url.isEmpty()) return Optional.empty();
        if (url.get().host().equalsIgnoreCase(localHost)) return WatchPaths.videoId(url.get().path()).flatMap(id -> local(id, viewer));
        Optional<Long> stored = remote.stored(text).or(() -> remote.stored(withoutQuery(text)));
        if (stored.isPresent()) return videos.find(String.valueOf(stored.get()));
        Optional<User> user = viewer.get();
        if (user.isEmpty()) return Optional.empty();
        lookups.acquire(user.get(), "videos");
        try {
            return videos.find(String.valueOf(remote.fetch(text)));
        } catch (RuntimeException e) {
            // Not found there, not a video, not allowed here, or unreachable: simply none, as PeerTube answers.
            log.info("search by URL: cannot bring in the video at {}: {}", text, e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * The video one of our watch pages shows (ours, or another instance's we store), as that page would
     * show it to the viewer: a private one to its owner and moderators only, an unlisted one not by number.
     */
    private Optional<Video> local(String id, Supplier<Optional<User>> viewer) {
        try {
            Optional<Video> v = videos.find(id);
            if (v.isEmpty() || v.get().privacy() == VideoPrivacy.PUBLIC) return v;
            return Optional.of(videos.visible(viewer.get(), id));
        } catch (Problem e) {
            return Optional.empty();
        }
    }

    private static String withoutQuery(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }
}
