package tandem.video;

import java.util.Optional;

/**
 * Videos of other instances, for the search by URL: federation says which one we store under a URL
 * and fetches the ones we do not have. `app` wires the implementation; `video` never knows the
 * protocol behind it.
 */
public interface RemoteVideos {
    /** The id of the video of another instance stored here under `url` (its ActivityPub id), if any. */
    Optional<Long> stored(String url);

    /**
     * Fetches the video at `url` from its instance now and stores it here (or refreshes our copy),
     * because a local user asked for it.
     *
     * @return its id here
     * @throws RuntimeException when it is no video, cannot be fetched, or may not be stored (a blocked instance or account)
     */
    long fetch(String url);
}
