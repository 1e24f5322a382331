package tandem.video;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Our watch pages' paths, `/videos/watch/{id}` and PeerTube's short `/w/{id}`, id being a UUID, short
 * UUID or number: which video a pasted link names. Playlist URLs (`/w/p/…`) do not match.
 */
public final class WatchPaths {
    private static final Pattern WATCH_PATH = Pattern.compile("^/(?:videos/watch|w)/([0-9A-Za-z-]{1,36})/?$");

    private WatchPaths() {}

    /** The video id in `path`, for {@link VideoService#find}; empty when it is no watch page's path. */
    public static Optional<String> videoId(String path) {
        Matcher m = WATCH_PATH.matcher(path == null ? "" : path);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
